/**
 * The load half of `npm run bench` (issue #12): 32 keep-alive connections against the app
 * listening on a real port, in rounds that interleave the cases so that background noise on
 * a shared machine touches them alike. `/healthz` (no database) is the floor the others are
 * compared with. Numbers only: nothing here asserts a speed.
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'

export interface LoadCase {
  name: string
  path: string
  headers?: Record<string, string>
}
export interface LoadResult {
  case: string
  rps: number
  p50_ms: number
  p99_ms: number
  ratio_to_floor: number
  rss_mb: number
}

function once(agent: http.Agent, base: URL, c: LoadCase): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, host: base.hostname, port: base.port, path: c.path, headers: { 'accept-encoding': 'br, gzip', ...c.headers } }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(res.statusCode) : reject(new Error(`${c.name}: HTTP ${res.statusCode}`))))
    })
    req.on('error', reject)
  })
}

/** `connections` loops each sending requests back to back for `ms`; latencies in ms. */
async function burst(agent: http.Agent, base: URL, c: LoadCase, connections: number, ms: number) {
  const samples: number[] = []
  const end = performance.now() + ms
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const s = performance.now()
        await once(agent, base, c)
        samples.push(performance.now() - s)
      }
    }),
  )
  return samples
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

export async function runLoad(baseUrl: string, cases: LoadCase[], opts: { connections: number; rounds: number; msPerBurst: number }): Promise<LoadResult[]> {
  const base = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections })
  const all = new Map<string, { samples: number[]; ms: number }>(cases.map((c) => [c.name, { samples: [], ms: 0 }]))
  let rssMax = 0
  try {
    for (const c of cases) await burst(agent, base, c, opts.connections, 200) // warm-up
    for (let r = 0; r < opts.rounds; r++) {
      for (const c of cases) {
        const s = performance.now()
        const samples = await burst(agent, base, c, opts.connections, opts.msPerBurst)
        const entry = all.get(c.name)!
        entry.ms += performance.now() - s
        entry.samples.push(...samples)
        rssMax = Math.max(rssMax, process.memoryUsage().rss)
      }
    }
  } finally {
    agent.destroy()
  }
  const rows = cases.map((c) => {
    const { samples, ms } = all.get(c.name)!
    const sorted = samples.sort((a, b) => a - b)
    return { case: c.name, rps: Math.round((samples.length / ms) * 1000), p50_ms: +at(sorted, 0.5).toFixed(2), p99_ms: +at(sorted, 0.99).toFixed(2), ratio_to_floor: 0, rss_mb: Math.round(rssMax / 1048576) }
  })
  const floor = rows[0].rps
  for (const r of rows) r.ratio_to_floor = +(r.rps / floor).toFixed(2)
  return rows
}
