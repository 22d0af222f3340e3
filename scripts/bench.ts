/**
 * `npm run bench` (docs/CONTRACT.md, issue #12), one command for the whole measurement:
 *
 * 1. builds the deterministic province slice (scripts/bench/slice.ts: 200,000 members in
 *    10,021 organisations, one 团支部 and one 团委 with deep queues) and imports it through
 *    the real import (rows/s), into a temporary SQLite file — or, with TEST_DATABASE_URL /
 *    BENCH_DATABASE_URL, into a schema of its own on PostgreSQL, dropped at the end;
 * 2. starts the BFF (the real server, request logging on) and a bare node:http server, each
 *    in its own process, so the load client here never shares their CPU or memory;
 * 3. decisions: batches of 200 transfer decisions, then single 资料审核 decisions on 32
 *    connections;
 * 4. reads on 32 keep-alive connections in interleaved rounds: /healthz (the floor) and the
 *    bare server, each list at page 1, page 500 and with a search term or filter, the
 *    dashboard, the details; req/s, p50, p99, ratio to the floor, the BFF's CPU and RSS;
 * 5. `--soak` (10 minutes, or `--soak N` minutes): mixed reads, the BFF's RSS over time;
 * 6. the phone: Chromium with 4× CPU slowdown and Slow 4G, time to the first list row, and
 *    the gzipped JavaScript of the mobile entry;
 * 7. EXPLAIN of every list query; a full scan of a big table is printed as a failure.
 *
 * Prints the tables and writes bench-results.json. Numbers only: nothing here asserts a speed.
 * This file runs the phases in order; each lives in scripts/bench/: options.ts (the command
 * line), database.ts, import-slice.ts (1), children.ts (2), writes.ts (3), reads.ts (4, 5),
 * mobile.ts (6), explain.ts (7), report.ts; their SQL in repository.ts.
 *
 *   npm run bench                      the full run (a few minutes)
 *   npm run bench -- --quick           20,000 members, page 50 instead of 500, short rounds
 *   npm run bench -- --soak            adds the 10-minute soak
 *   npm run bench -- --profile DIR     the BFF runs with --cpu-prof into DIR
 *   npm run bench -- --only TEXT       only the reads whose name contains TEXT (and the floor)
 *   options: --members N --rounds N --burst-ms N --no-mobile
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { createDataCrypto } from '../bff/security/data-crypto'
import { loadConfig } from '../bff/config'
import { systemClock } from '../bff/clock'
import type { AppContext } from '../bff/context'
import { benchDatabase } from './bench/database'
import { importSlice } from './bench/import-slice'
import { runLoad, rssOf } from './bench/load'
import { startChild, type Child } from './bench/children'
import { measureDecisions } from './bench/writes'
import { readCases, soak as soakFor, type SoakResult } from './bench/reads'
import { explainCases } from './bench/explain'
import { firstListTimes, mobileEntryGzipKb, type FirstListResult } from './bench/mobile'
import { report } from './bench/report'
import { BURST_MS, CONNECTIONS, flag, log, ONLY, PROFILE_DIR, ROUNDS, SOAK_MIN } from './bench/options'
import { buildWebIfStale } from './build-web'
import { buildServer } from './build-server'

const root = fileURLToPath(new URL('..', import.meta.url))

async function main() {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'tuanwu-bench-'))
  const database = await benchDatabase(dir)
  const dataKey = randomBytes(32)
  const env = { SESSION_SECRET: 'bench-session-secret', INTEGRATION_TOKEN: 'bench-integration-token', DATA_KEY: dataKey.toString('base64') }
  const base: Omit<AppContext, 'db' | 'dialect'> = { clock: systemClock, crypto: createDataCrypto(dataKey), config: loadConfig(env) }
  const children: Child[] = []
  try {
    // 1. The slice, through the real import.
    const { handle, imported, generateS, sessions, branchId, committeeId } = await importSlice(database.url, base)
    const [province, committee, branch] = [sessions.province.headers, sessions.committee.headers, sessions.branch.headers]

    // 2. The servers, each in its own process. The phone's pages must exist before the BFF
    // starts: it registers the static files only when dist/web is there (a fresh clone has none).
    if (!flag('no-mobile')) await buildWebIfStale()
    // The BFF runs from its bundle, as `npm start` runs it (no tsx in the process, issue #12).
    await buildServer()
    // One bench account stands for the 32 operators of a busy 团委: its per-account limit of
    // changes (docs/CONTRACT.md RATE_LIMIT_CHANGES_PER_MINUTE) is raised to theirs together.
    const serverEnv = { ...env, DATABASE_URL: database.url, LOG_LEVEL: 'info', BENCH_DIST_DIR: join(root, 'dist/web'), RATE_LIMIT_CHANGES_PER_MINUTE: '1000000' }
    const app = await startChild('../../dist/bench-server.js', serverEnv, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])
    children.push(app)
    const bare = await startChild('process-bare.ts', {})
    children.push(bare)
    log(`BFF pid ${app.pid} at ${app.baseUrl}; bare node:http pid ${bare.pid}`)

    // 3. Decisions.
    const { writes, waiting } = await measureDecisions(handle.db, app, { committeeId, committee, branchId, branch })

    // 4. Reads under load, interleaved.
    const all = await readCases(handle.db, { app, bare }, { province, committee, branch }, { branchId, aTransfer: waiting[waiting.length - 1].id })
    const only = ONLY
    const reads = only === null ? all : all.filter((c, i) => i === 0 || c.name.includes(only))
    log(`reads: ${reads.length} cases, ${ROUNDS} rounds of ${BURST_MS} ms on ${CONNECTIONS} connections`)
    const load = await runLoad(reads, { connections: CONNECTIONS, rounds: ROUNDS, msPerBurst: BURST_MS })

    // 5. Soak: mixed reads, the BFF's RSS over time.
    let soak: SoakResult | null = null
    if (SOAK_MIN > 0) {
      log(`soak: ${SOAK_MIN} minutes`)
      soak = await soakFor(app, reads, SOAK_MIN, CONNECTIONS)
    }

    // 6. The phone.
    let mobile: { entry: ReturnType<typeof mobileEntryGzipKb>; firstList: FirstListResult[] } | null = null
    if (!flag('no-mobile')) {
      const distDir = join(root, 'dist/web')
      mobile = {
        entry: mobileEntryGzipKb(distDir),
        firstList: await firstListTimes(app.baseUrl, sessions.branch.token, [
          { path: '/#/reviews', rowSelector: 'a.app-card--link' },
          { path: '/', rowSelector: 'a.home__entry [aria-label$="条待审核"]' },
        ]),
      }
      log(`phone: first list ${mobile.firstList.map((f) => `${f.page} ${f.median_ms} ms`).join(', ')}; entry JS ${mobile.entry.gzip_kb} KB gzipped`)
    }
    const bffRss = Math.round(rssOf(app.pid) / 1048576)
    for (const c of children.splice(0)) await c.stop()

    // 7. EXPLAIN of each list query.
    const explained = await explainCases(database.url, base, reads.filter((c) => c.path.startsWith('/api/') && !/\/\d+$/.test(c.path)).map((c) => ({ name: c.name, path: c.path, headers: c.headers! })))
    await handle.close()

    report({ imported, generateS, writes, load, soak, mobile, explained, bffRss, minutes: (performance.now() - started) / 60_000, dialect: handle.dialect })
  } finally {
    for (const c of children) await c.stop()
    await database.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
