/**
 * The load client of `npm run bench` (issue #12): keep-alive connections against a server in
 * ANOTHER process (the BFF or the bare node:http floor), in rounds that interleave the cases so
 * that background noise on a shared machine touches them alike. While a case runs, the server
 * process's RSS and CPU time are read from /proc, so they are the app's alone.
 * Numbers only: nothing here asserts a speed.
 */
import http from 'node:http'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { progress } from '../progress'

/** A server under test: where it listens and which process it is. */
export interface Target {
  baseUrl: string
  pid: number
}

export interface LoadCase {
  name: string
  target: Target
  path: string
  headers?: Record<string, string>
}

export interface LoadResult {
  case: string
  rps: number
  p50_ms: number
  p99_ms: number
  ratio_to_floor: number
  /** Share of one core the server process used while the case ran (100 = one core busy). */
  server_cpu_pct: number
  rss_mb: number
  requests: number
}

/** Resident set size of `pid` in bytes (VmRSS), 0 when it cannot be read. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** CPU seconds (user + system) `pid` has used so far; clock ticks are 1/100 s on Linux. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

export interface Reply {
  status: number
  body: string
}

/** One request on `agent`; the body is read (and kept only when `keep`). */
export function request(agent: http.Agent, target: Target, path: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown; keep?: boolean } = {}): Promise<Reply> {
  const base = new URL(target.baseUrl)
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent, host: base.hostname, port: base.port, path, method: opts.method ?? 'GET',
        headers: { 'accept-encoding': opts.keep ? 'identity' : 'br, gzip', ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => opts.keep && chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

/** p50/p99 of latencies in ms, rounded for a table. */
export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  return { p50_ms: +at(s, 0.5).toFixed(2), p99_ms: +at(s, 0.99).toFixed(2), max_ms: +(s[s.length - 1] ?? NaN).toFixed(2) }
}

/** `connections` loops, each sending requests back to back for `ms`; latencies in ms. */
async function burst(agent: http.Agent, c: LoadCase, connections: number, ms: number): Promise<number[]> {
  const samples: number[] = []
  const end = performance.now() + ms
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const s = performance.now()
        const res = await request(agent, c.target, c.path, { headers: c.headers })
        if (res.status !== 200) throw new Error(`${c.name}: HTTP ${res.status} for ${c.path}`)
        samples.push(performance.now() - s)
      }
    }),
  )
  return samples
}

export interface LoadOptions {
  connections: number
  rounds: number
  msPerBurst: number
  /** Called after every burst (e.g. to sample RSS over a soak). */
  afterBurst?: () => void
  /** The progress line's name (default 读取): bursts done of cases × rounds, on a terminal only (issue #15). */
  label?: string
}

/**
 * Every case once per round, in the same order, `rounds` times; the first case is the floor
 * the ratios are computed against.
 */
/**
 * The cases' order in round `round`: a shuffle seeded by the round, the same in every run. What
 * a burst leaves behind (garbage to collect, a cold cache) falls on the next case; in one fixed
 * order a case would always follow the same one — 资料审核 待审核 p1 followed the bare server's
 * burst, the BFF idle.
 */
function orderOfRound(n: number, round: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  let seed = (round + 1) * 2654435761
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    const j = Math.floor((seed / 2 ** 32) * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  return order
}

export async function runLoad(cases: LoadCase[], opts: LoadOptions): Promise<LoadResult[]> {
  const agents = new Map<string, http.Agent>()
  const agentFor = (t: Target) => agents.get(t.baseUrl) ?? agents.set(t.baseUrl, new http.Agent({ keepAlive: true, maxSockets: opts.connections })).get(t.baseUrl)!
  const all = cases.map(() => ({ samples: [] as number[], ms: 0, cpu: 0, rss: 0 }))
  const bar = progress(opts.label ?? '读取', cases.length * opts.rounds, { unit: '组' })
  let bursts = 0
  try {
    for (const c of cases) await burst(agentFor(c.target), c, opts.connections, Math.min(300, opts.msPerBurst)) // warm-up
    for (let r = 0; r < opts.rounds; r++) {
      for (const i of orderOfRound(cases.length, r)) {
        const c = cases[i]
        const cpu0 = cpuSecondsOf(c.target.pid)
        const s = performance.now()
        const samples = await burst(agentFor(c.target), c, opts.connections, opts.msPerBurst)
        const entry = all[i]
        entry.ms += performance.now() - s
        entry.cpu += cpuSecondsOf(c.target.pid) - cpu0
        entry.samples.push(...samples)
        entry.rss = Math.max(entry.rss, rssOf(c.target.pid))
        bar.update(++bursts)
        opts.afterBurst?.()
      }
    }
  } finally {
    bar.finish(null)
    for (const a of agents.values()) a.destroy()
  }
  const rows: LoadResult[] = cases.map((c, i) => {
    const { samples, ms, cpu, rss } = all[i]
    const { p50_ms, p99_ms } = percentiles(samples)
    return {
      case: c.name, rps: Math.round((samples.length / ms) * 1000), p50_ms, p99_ms, ratio_to_floor: 0,
      server_cpu_pct: Math.round((cpu / (ms / 1000)) * 100), rss_mb: Math.round(rss / 1048576), requests: samples.length,
    }
  })
  const floor = rows[0].rps
  for (const r of rows) r.ratio_to_floor = +(r.rps / floor).toFixed(2)
  return rows
}
