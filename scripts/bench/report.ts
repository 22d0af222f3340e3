/** The end of `npm run bench`: the tables on the console and bench-results.json. Numbers only: nothing here asserts a speed. */
import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import type { ExplainResult } from './explain'
import type { LoadResult } from './load'
import { SLOW_4G, type FirstListResult } from './mobile'
import { BURST_MS, CONNECTIONS, ROUNDS } from './options'
import type { SoakResult } from './reads'

export interface BenchRun {
  imported: Record<string, number>
  generateS: number
  writes: object[]
  load: LoadResult[]
  soak: SoakResult | null
  mobile: { entry: { files: string[]; gzip_kb: number }; firstList: FirstListResult[] } | null
  explained: ExplainResult[]
  bffRss: number
  minutes: number
  dialect: string
}

export function report(r: BenchRun) {
  const floor = r.load[0]
  const bareRow = r.load[1]
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '?', memory_gb: Math.round(totalmem() / 2 ** 30), load_average: loadavg().map((x) => +x.toFixed(1)) }
  console.log(`\n团务审核 bench — ${r.dialect}, ${r.imported.members} members, ${r.imported.organizations} organisations; ${machine.cpus} × ${machine.model}, load average ${machine.load_average.join(' ')}`)
  console.log(`import: ${r.imported.rows} rows in ${r.imported.seconds} s = ${r.imported.rows_per_s} rows/s (${r.imported.members_per_s} members/s; encryption ${r.imported.encryption_us_per_member} µs a member)`)
  console.log(`\nwrites`)
  console.table(r.writes)
  console.log(`\nreads on ${CONNECTIONS} keep-alive connections, ${ROUNDS} interleaved rounds of ${BURST_MS} ms; /healthz at ${((floor.rps / bareRow.rps) * 100).toFixed(0)} % of the bare node:http server`)
  console.table(r.load.map(({ requests: _, ...row }) => row))
  if (r.soak) console.log(`\nsoak ${r.soak.minutes} min, ${r.soak.requests} requests; BFF RSS MB over time: ${r.soak.rss_mb.map((s) => `${s.at_s}s ${s.mb}`).join(', ')}`)
  if (r.mobile) {
    console.log(`\nphone (Chromium, CPU ×4, Slow 4G ${SLOW_4G.latency} ms RTT): mobile entry ${r.mobile.entry.gzip_kb} KB of gzipped JS (${r.mobile.entry.files.length} files)`)
    console.table(r.mobile.firstList)
  }
  console.log('\nEXPLAIN of each list request')
  let scans = 0
  for (const e of r.explained) {
    console.log(`  ${e.case}`)
    for (const plan of e.plans) console.log(`      ${plan}`)
    for (const p of e.problems) console.log(`  !!! FULL SCAN OF A BIG TABLE: ${p}`)
    for (const w of e.warnings) console.log(`  (!) ${w}`)
    scans += e.problems.length
  }
  if (scans) console.log(`\n!!! ${scans} full scan(s) of big tables: see the lines marked !!! above`)
  else console.log('  every list query reads through an index')
  const out = {
    dialect: r.dialect, machine, minutes: +r.minutes.toFixed(1), slice_generated_s: +r.generateS.toFixed(1), import: r.imported, writes: r.writes,
    reads: { connections: CONNECTIONS, rounds: ROUNDS, burst_ms: BURST_MS, healthz_vs_bare: +(floor.rps / bareRow.rps).toFixed(2), results: r.load },
    bff_rss_mb_at_end: r.bffRss, soak: r.soak, mobile: r.mobile, explain: r.explained, full_scans: scans,
  }
  writeFileSync('bench-results.json', JSON.stringify(out, null, 2))
  console.log(`\nwritten: bench-results.json (${out.minutes} minutes in all)`)
}
