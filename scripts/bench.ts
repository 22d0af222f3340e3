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
 *
 *   npm run bench                      the full run (a few minutes)
 *   npm run bench -- --quick           20,000 members, page 50 instead of 500, short rounds
 *   npm run bench -- --soak            adds the 10-minute soak
 *   npm run bench -- --profile DIR     the BFF runs with --cpu-prof into DIR
 *   options: --members N --rounds N --burst-ms N --no-mobile
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { sql } from 'kysely'
import { openDatabase } from '../bff/db/dialect'
import { createDataCrypto } from '../bff/security/data-crypto'
import { loadConfig } from '../bff/config'
import { createSession } from '../bff/sessions/service'
import { systemClock } from '../bff/clock'
import type { AppContext } from '../bff/context'
import { runImport, rowsPerSecond } from '../bff/import/run'
import { generateSlice, SLICE } from './bench/slice'
import { runLoad, request, percentiles, rssOf, type LoadCase, type LoadResult, type Target } from './bench/load'
import { startChild, type Child } from './bench/children'
import { explainCases, type ExplainResult } from './bench/explain'
import { firstListTimes, mobileEntryGzipKb, SLOW_4G, type FirstListResult } from './bench/mobile'
import { buildWebIfStale } from './build-web'

const argv = process.argv.slice(2)
const flag = (name: string) => argv.includes(`--${name}`)
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && argv[i + 1] && /^\d+$/.test(argv[i + 1]) ? Number(argv[i + 1]) : fallback
}
const QUICK = flag('quick')
const MEMBERS = option('members', QUICK ? 20_000 : 200_000)
const DEEP_PAGE = QUICK ? 50 : 500
const PAGE = 20
const DECISIONS = QUICK ? 200 : 1000
const BATCHES = QUICK ? 2 : 5
// Deep enough for page DEEP_PAGE after the decisions have taken their share of each queue.
const DEEP = DEEP_PAGE * PAGE + DECISIONS + BATCHES * 200 + 500
const ROUNDS = option('rounds', QUICK ? 2 : 5)
const BURST_MS = option('burst-ms', QUICK ? 400 : 1000)
const SOAK_MIN = flag('soak') ? option('soak', 10) : 0
const PROFILE_DIR = argv.includes('--profile') ? resolve(argv[argv.indexOf('--profile') + 1] ?? 'bench-profile') : null
const CONNECTIONS = 32
const root = fileURLToPath(new URL('..', import.meta.url))

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)

/** A temporary SQLite file, or a schema of its own on PostgreSQL (never touching what is there). */
async function benchDatabase(dir: string) {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (!pgUrl) return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => {} }
  const schema = `bench_${randomBytes(6).toString('hex')}`
  const admin = await openDatabase(pgUrl)
  await sql.raw(`create schema ${schema}`).execute(admin.db)
  await admin.close()
  const u = new URL(pgUrl)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: u.toString(),
    drop: async () => {
      const a = await openDatabase(pgUrl)
      await sql.raw(`drop schema ${schema} cascade`).execute(a.db)
      await a.close()
    },
  }
}

/**
 * The URL of page `page` (1-based, PAGE rows a page) of `path`. A cursor is the key of the last
 * row served, whatever the page size, so the walk there goes 100 rows at a time.
 */
async function urlOfPage(target: Target, path: string, headers: Record<string, string>, page: number): Promise<string> {
  const agent = new http.Agent({ keepAlive: true })
  const urlOf = (cursor: string | null, limit: number) => {
    const u = new URL(path, 'http://bench')
    u.searchParams.set('limit', String(limit))
    if (cursor) u.searchParams.set('cursor', cursor)
    return u.pathname + u.search
  }
  let cursor: string | null = null
  try {
    for (let skipped = 0; skipped < (page - 1) * PAGE; ) {
      const limit = Math.min(100, (page - 1) * PAGE - skipped)
      const url = urlOf(cursor, limit)
      const res = await request(agent, target, url, { headers, keep: true })
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${res.body}`)
      cursor = (JSON.parse(res.body) as { nextCursor: string | null }).nextCursor
      skipped += limit
      if (!cursor) throw new Error(`${path} has only ${skipped} rows, the bench needs ${(page - 1) * PAGE + 1}`)
    }
  } finally {
    agent.destroy()
  }
  return urlOf(cursor, PAGE)
}

/** `count` POSTs from `bodies` on `connections` connections; latencies and wall time. */
async function concurrentPosts(target: Target, headers: Record<string, string>, jobs: { path: string; body: unknown }[], connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const samples: number[] = []
  let next = 0
  const started = performance.now()
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]
          const s = performance.now()
          const res = await request(agent, target, job.path, { method: 'POST', headers, body: job.body })
          if (res.status !== 200) throw new Error(`POST ${job.path}: HTTP ${res.status}`)
          samples.push(performance.now() - s)
        }
      }),
    )
  } finally {
    agent.destroy()
  }
  return { samples, ms: performance.now() - started }
}

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
    const now = new Date()
    const t = performance.now()
    const file = generateSlice({ members: MEMBERS, deep: DEEP, otherTransfers: Math.round(MEMBERS / 70), now })
    const generateS = (performance.now() - t) / 1000
    log(`slice generated in ${generateS.toFixed(1)} s: ${file.members!.length} members, ${file.organizations!.length} organisations, ${file.transfers!.length} transfers`)
    const handle = await openDatabase(database.url)
    const outcome = await runImport(handle.db, base.crypto, file, { now })
    if (!outcome.ok) throw new Error(`the slice does not import: ${outcome.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`)
    const encryption = encryptionCost(base.crypto, 20_000)
    const imported = { ...outcome.counts, seconds: +(outcome.ms / 1000).toFixed(1), rows_per_s: rowsPerSecond(outcome.counts, outcome.ms), members_per_s: Math.round(outcome.counts.members / (outcome.ms / 1000)), encryption_us_per_member: encryption }
    log(`imported ${imported.rows} rows in ${imported.seconds} s: ${imported.rows_per_s} rows/s (encryption ${encryption} µs a member)`)
    await sql`analyze`.execute(handle.db)
    const ctx: AppContext = { ...base, db: handle.db, dialect: handle.dialect }
    const accountOf = async (userid: string) => (await handle.db.selectFrom('accounts').select('id').where('wecom_user_id', '=', userid).executeTakeFirstOrThrow()).id
    const sessions = new Map<string, { token: string; headers: Record<string, string> }>()
    for (const who of ['bench-province', 'bench-committee', 'bench-branch']) {
      const s = await createSession(ctx, await accountOf(who), 'mobile')
      sessions.set(who, { token: s.token, headers: { cookie: `sid=${s.token}`, 'x-csrf-token': s.csrfToken } })
    }
    const province = sessions.get('bench-province')!.headers
    const committee = sessions.get('bench-committee')!.headers
    const branch = sessions.get('bench-branch')!.headers
    const orgIdOf = async (code: string) => (await handle.db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
    const branchId = await orgIdOf(SLICE.branch)
    const committeeId = await orgIdOf(SLICE.committee)

    // 2. The servers, each in its own process.
    const serverEnv = { ...env, DATABASE_URL: database.url, LOG_LEVEL: 'info', BENCH_DIST_DIR: join(root, 'dist/web') }
    const app = await startChild('process-server.ts', serverEnv, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])
    children.push(app)
    const bare = await startChild('process-bare.ts', {})
    children.push(bare)
    log(`BFF pid ${app.pid} at ${app.baseUrl}; bare node:http pid ${bare.pid}`)

    // 3. Decisions. Batches of 200 at the 团委's node, then single 资料审核 decisions of the branch (oldest first).
    const waiting = await handle.db.selectFrom('transfers').select(['id', 'version']).where('current_org_id', '=', committeeId).where('status', '=', 'in_progress')
      .orderBy('waiting_since', 'desc').orderBy('id', 'desc').limit(BATCHES * 200).execute()
    const batchMs: number[] = []
    for (let b = 0; b < BATCHES; b++) {
      const items = waiting.slice(b * 200, b * 200 + 200)
      const s = performance.now()
      const res = await request(new http.Agent(), app, '/api/transfers/decisions', { method: 'POST', headers: committee, body: { items, decision: 'approve' }, keep: true })
      batchMs.push(Math.round(performance.now() - s))
      const failed = res.status === 200 ? (JSON.parse(res.body) as { results: { ok: boolean; message?: string }[] }).results.filter((r) => !r.ok) : []
      if (res.status !== 200 || failed.length) throw new Error(`batch decision: HTTP ${res.status} ${failed[0]?.message ?? res.body.slice(0, 200)}`)
    }
    const pending = await handle.db.selectFrom('profile_reviews').select(['id', 'version']).where('org_id', '=', branchId).where('state', '=', 'pending')
      .orderBy('submitted_at', 'asc').orderBy('id', 'asc').limit(DECISIONS).execute()
    const decided = await concurrentPosts(app, branch, pending.map((r, i) => ({
      path: `/api/profile-reviews/${r.id}/decision`, body: i % 2 ? { decision: 'approve', version: r.version } : { decision: 'return', reason: '照片不清晰，请重新上传', version: r.version },
    })), CONNECTIONS)
    const writes = [
      { case: `转接 batch of 200 decisions (团委, ${BATCHES} batches one after another)`, rps: +((BATCHES * 200) / (batchMs.reduce((a, b) => a + b, 0) / 1000)).toFixed(0), p50_ms: percentiles(batchMs).p50_ms, p99_ms: Math.max(...batchMs), runs_ms: batchMs },
      { case: `资料审核 decision (${DECISIONS} on ${CONNECTIONS} connections)`, rps: Math.round((decided.samples.length / decided.ms) * 1000), ...percentiles(decided.samples) },
    ]
    log(`writes: batches of 200 in ${batchMs.join(', ')} ms; ${writes[1].rps} 资料审核 decisions/s`)

    // 4. Reads under load, interleaved.
    const deep = (path: string, headers: Record<string, string>) => urlOfPage(app, path, headers, DEEP_PAGE)
    const aReview = (await handle.db.selectFrom('profile_reviews').select('id').where('org_id', '=', branchId).where('state', '=', 'pending').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id
    const aMember = (await handle.db.selectFrom('members').select('id').where('org_id', '=', branchId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id
    const aTransfer = waiting[waiting.length - 1].id
    const p = `p${DEEP_PAGE}`
    const reads: LoadCase[] = [
      { name: '/healthz (floor)', target: app, path: '/healthz' },
      { name: 'bare node:http (same machine)', target: bare, path: '/' },
      { name: '资料审核 待审核 p1 (branch)', target: app, path: '/api/profile-reviews?state=pending', headers: branch },
      { name: `资料审核 待审核 ${p} (branch)`, target: app, path: await deep('/api/profile-reviews?state=pending', branch), headers: branch },
      { name: '资料审核 待审核 q=王 (branch)', target: app, path: `/api/profile-reviews?state=pending&q=${encodeURIComponent('王')}`, headers: branch },
      { name: '资料审核 已审核 p1 (branch)', target: app, path: '/api/profile-reviews?state=handled', headers: branch },
      { name: `资料审核 已审核 ${p} (branch)`, target: app, path: await deep('/api/profile-reviews?state=handled', branch), headers: branch },
      { name: '转接 待审核 p1 (团委)', target: app, path: '/api/transfers?box=todo', headers: committee },
      { name: `转接 待审核 ${p} (团委)`, target: app, path: await deep('/api/transfers?box=todo', committee), headers: committee },
      { name: '转接 待审核 q=李 (团委)', target: app, path: `/api/transfers?box=todo&q=${encodeURIComponent('李')}`, headers: committee },
      { name: '转接 已审核 p1 (团委)', target: app, path: '/api/transfers?box=done', headers: committee },
      { name: '团员查询 p1 (province)', target: app, path: '/api/members?limit=20', headers: province },
      { name: `团员查询 ${p} (province)`, target: app, path: await deep('/api/members', province), headers: province },
      { name: '团员查询 q=张 (province)', target: app, path: `/api/members?q=${encodeURIComponent('张')}`, headers: province },
      { name: '团员查询 profileStatus filter (province)', target: app, path: '/api/members?profileStatus=registration_pending', headers: province },
      { name: '团员查询 p1 (团委)', target: app, path: '/api/members?limit=20', headers: committee },
      { name: '我的团员 p1 (branch)', target: app, path: '/api/members?limit=20', headers: branch },
      { name: `我的团员 ${p} (branch)`, target: app, path: await deep('/api/members', branch), headers: branch },
      { name: '我的团员 q=刘 (branch)', target: app, path: `/api/members?q=${encodeURIComponent('刘')}`, headers: branch },
      { name: '首页 dashboard (branch)', target: app, path: '/api/dashboard', headers: branch },
      { name: '首页 dashboard (团委)', target: app, path: '/api/dashboard', headers: committee },
      { name: '资料审核 detail (branch)', target: app, path: `/api/profile-reviews/${aReview}`, headers: branch },
      { name: '团员资料 detail (branch)', target: app, path: `/api/members/${aMember}`, headers: branch },
      { name: '转接 detail (团委)', target: app, path: `/api/transfers/${aTransfer}`, headers: committee },
    ]
    log(`reads: ${reads.length} cases, ${ROUNDS} rounds of ${BURST_MS} ms on ${CONNECTIONS} connections`)
    const load = await runLoad(reads, { connections: CONNECTIONS, rounds: ROUNDS, msPerBurst: BURST_MS })

    // 5. Soak: mixed reads (every case but the bare server), the BFF's RSS every 10 seconds.
    let soak: { minutes: number; rss_mb: { at_s: number; mb: number }[]; requests: number } | null = null
    if (SOAK_MIN > 0) {
      log(`soak: ${SOAK_MIN} minutes`)
      const samples: { at_s: number; mb: number }[] = []
      const soakStart = performance.now()
      let lastSample = -Infinity
      const mixed = reads.filter((c) => c.target === app)
      const rows = await runLoad(mixed, {
        connections: CONNECTIONS, rounds: Math.max(1, Math.round((SOAK_MIN * 60_000) / (mixed.length * 1000))), msPerBurst: 1000,
        afterBurst: () => {
          if (performance.now() - lastSample < 10_000) return
          lastSample = performance.now()
          samples.push({ at_s: Math.round((lastSample - soakStart) / 1000), mb: Math.round(rssOf(app.pid) / 1048576) })
        },
      })
      soak = { minutes: SOAK_MIN, rss_mb: samples, requests: rows.reduce((a, r) => a + r.requests, 0) }
    }

    // 6. The phone.
    let mobile: { entry: ReturnType<typeof mobileEntryGzipKb>; firstList: FirstListResult[] } | null = null
    if (!flag('no-mobile')) {
      await buildWebIfStale()
      const distDir = join(root, 'dist/web')
      const token = sessions.get('bench-branch')!.token
      mobile = {
        entry: mobileEntryGzipKb(distDir),
        firstList: await firstListTimes(app.baseUrl, token, [
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

/** µs of encryption, lookup hash and masking per member (what the import spends on personal data). */
function encryptionCost(crypto: AppContext['crypto'], n: number): number {
  const s = performance.now()
  for (let i = 0; i < n; i++) {
    const id = `44030520010101${String(i % 1000).padStart(3, '0')}X`
    crypto.encrypt(id)
    crypto.lookupHash(id)
  }
  return +(((performance.now() - s) * 1000) / n).toFixed(1)
}

function report(r: {
  imported: Record<string, number>
  generateS: number
  writes: object[]
  load: LoadResult[]
  soak: { minutes: number; rss_mb: { at_s: number; mb: number }[]; requests: number } | null
  mobile: { entry: { files: string[]; gzip_kb: number }; firstList: FirstListResult[] } | null
  explained: ExplainResult[]
  bffRss: number
  minutes: number
  dialect: string
}) {
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

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
