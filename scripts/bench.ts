/**
 * `npm run bench` (docs/CONTRACT.md): builds a synthetic slice of a province in a temporary SQLite
 * file (or TEST_DATABASE_URL / BENCH_DATABASE_URL on PostgreSQL), then times the API paths an
 * operator uses through the real app (`inject`, no network), and prints a table and writes it
 * as JSON (bench-results.json). Numbers only: nothing here asserts a speed.
 *
 *   npm run bench -- --members 100000 --iterations 200
 *   npm run bench -- --quick          (20,000 members, short load rounds: to try it out)
 *
 * Then the load half (scripts/bench-load.ts): the app on a real port, 32 keep-alive
 * connections, /healthz as the floor, each list and the dashboard interleaved in rounds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { openDatabase } from '../bff/db/dialect'
import { migrateToLatest } from '../bff/db/migrations'
import { createDataCrypto } from '../bff/security/data-crypto'
import { loadConfig } from '../bff/config'
import { buildApp } from '../bff/app'
import { createSession } from '../bff/sessions/service'
import { systemClock } from '../bff/clock'
import type { AppContext } from '../bff/context'
import { insertOrganization, type OrgRow } from '../bff/orgs/repository'
import { memberValues } from '../bff/members/repository'
import { insertTransfer } from '../bff/transfers/service'
import { idCardCheckChar } from '../shared/idcard'
import { runLoad, type LoadResult } from './bench-load'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const QUICK = process.argv.includes('--quick')
const MEMBERS = arg('members', QUICK ? 20_000 : 50_000)
const ROUNDS = arg('rounds', QUICK ? 2 : 5)
const BURST_MS = arg('burst-ms', QUICK ? 400 : 1000)
const ITER = arg('iterations', 200)
const PER_BRANCH = 20
const BRANCHES = Math.ceil(MEMBERS / PER_BRANCH)
const COMMITTEES = Math.max(1, Math.ceil(BRANCHES / 25))
const CITIES = Math.max(1, Math.ceil(COMMITTEES / 10))

function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tuanwu-bench-'))
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  // On PostgreSQL the bench works in a schema of its own, dropped at the end: it never
  // touches what the database already holds.
  const schema = `bench_${randomBytes(6).toString('hex')}`
  let url = `sqlite:${join(dir, 'bench.db')}`
  if (pgUrl) {
    const admin = await openDatabase(pgUrl)
    await sql.raw(`create schema ${schema}`).execute(admin.db)
    await admin.close()
    const u = new URL(pgUrl)
    u.searchParams.set('options', `-c search_path=${schema}`)
    url = u.toString()
  }
  const handle = await openDatabase(url)
  await migrateToLatest(handle.db, { schema: pgUrl ? schema : undefined })
  const dataKey = randomBytes(32)
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    crypto: createDataCrypto(dataKey),
    config: loadConfig({ SESSION_SECRET: 'bench', INTEGRATION_TOKEN: 'bench', DATA_KEY: dataKey.toString('base64') }),
  }
  const now = new Date().toISOString()
  const t0 = performance.now()

  // The tree: province → cities → committees → branches.
  const province = await insertOrganization(ctx.db, { code: 'gd', name: '共青团广东省委', type: 'leading', parent: null, createdAt: now })
  await insertOrganization(ctx.db, { code: 'external', name: '省外组织', type: 'external', parent: null, createdAt: now })
  const branches: OrgRow[] = []
  const committees: OrgRow[] = []
  await ctx.db.transaction().execute(async (trx) => {
    for (let c = 0; c < CITIES; c++) {
      const city = await insertOrganization(trx, { code: `city${c}`, name: `第${c}市团委`, type: 'leading', parent: province, createdAt: now })
      for (let k = 0; k < 10 && committees.length < COMMITTEES; k++) {
        const committee = await insertOrganization(trx, { code: `cm${committees.length}`, name: `第${committees.length}团委`, type: 'committee', parent: city, createdAt: now })
        committees.push(committee)
        for (let b = 0; b < 25 && branches.length < BRANCHES; b++) {
          branches.push(await insertOrganization(trx, { code: `br${branches.length}`, name: `第${branches.length}团支部`, type: 'branch', parent: committee, createdAt: now }))
        }
      }
    }
  })
  const accounts = await ctx.db
    .insertInto('accounts')
    .values([
      { org_id: province.id, kind: 'admin', name: '省级管理员', created_at: now },
      { org_id: committees[0].id, kind: 'operator', name: '团委运营者', created_at: now },
      { org_id: branches[0].id, kind: 'operator', name: '支部运营者', created_at: now },
    ])
    .returning('id')
    .execute()
  const tTree = performance.now()

  // Members: batched inserts; every second one waits for review (a September intake).
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴霞']
  let serial = 0
  const memberIds: number[] = []
  await ctx.db.transaction().execute(async (trx) => {
    for (let start = 0; start < MEMBERS; start += 500) {
      const rows = []
      for (let i = start; i < Math.min(MEMBERS, start + 500); i++) {
        serial++
        // A valid-looking resident number; uniqueness comes from the serial in the lookup hash below.
        const first17 = `440305${2000 + (serial % 10)}${String((serial % 12) + 1).padStart(2, '0')}${String((serial % 28) + 1).padStart(2, '0')}${String(serial % 1000).padStart(3, '0')}`
        const pending = i % 2 === 0
        rows.push(
          memberValues(ctx.crypto, {
            orgId: branches[Math.floor(i / PER_BRANCH) % branches.length].id, name: `${names[i % names.length]}${i}`, idCardType: 'resident',
            idCard: first17 + idCardCheckChar(first17),
            mobile: `138${String(i).padStart(8, '0')}`, nation: '汉族', education: '本科', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2015-05',
          }, { profile_status: pending ? 'registration_pending' : 'approved', realname_status: 'passed', league_status: 'normal', added_at: now, applied_at: now, reviewed_at: null }, now),
        )
      }
      // id_card_hash is unique: make each synthetic number distinct by its serial.
      rows.forEach((r, k) => (r.id_card_hash = `${r.id_card_hash.slice(0, 48)}${String(start + k).padStart(16, '0')}`))
      const ids = await trx.insertInto('members').values(rows).returning('id').execute()
      memberIds.push(...ids.map((x) => x.id))
    }
    const reviews = memberIds.filter((_, i) => i % 2 === 0).map((member_id, k) => ({
      member_id, org_id: branches[Math.floor((k * 2) / PER_BRANCH) % branches.length].id, kind: 'registration' as const, state: 'pending' as const, submitted_at: now,
    }))
    for (let s = 0; s < reviews.length; s += 500) await trx.insertInto('profile_reviews').values(reviews.slice(s, s + 500)).execute()
    // Transfers: 2 % of members, from their branch to the next one.
    for (let i = 1; i < memberIds.length; i += 50) {
      const from = branches[Math.floor(i / PER_BRANCH) % branches.length]
      const to = branches[(Math.floor(i / PER_BRANCH) + 1) % branches.length]
      await insertTransfer(trx, { memberId: memberIds[i], fromOrg: from, toOrg: to, kind: 'in_province', cause: '升学/转学', causeNote: null, studyWorkUnit: '大学', initiator: 'member', initiatedBy: null, appliedAt: now })
    }
  })
  const tData = performance.now()
  await sql`analyze`.execute(ctx.db)

  const app = await buildApp({ ctx })
  await app.ready()
  const session = async (accountId: number) => {
    const s = await createSession(ctx, accountId, 'mobile')
    return { cookie: `sid=${s.token}`, 'x-csrf-token': s.csrfToken }
  }
  const [admin, committeeOp, branchOp] = await Promise.all(accounts.map((a) => session(a.id)))
  const results: { case: string; p50_ms: number; p95_ms: number; max_ms: number; rps: number }[] = []
  async function time(name: string, headers: Record<string, string>, urlOf: (i: number) => string) {
    const samples: number[] = []
    for (let i = 0; i < ITER; i++) {
      const s = performance.now()
      const res = await app.inject({ method: 'GET', url: urlOf(i), headers })
      samples.push(performance.now() - s)
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`)
    }
    const q = quantiles(samples)
    results.push({ case: name, p50_ms: +q.p50.toFixed(2), p95_ms: +q.p95.toFixed(2), max_ms: +q.max.toFixed(2), rps: Math.round(1000 / (samples.reduce((a, b) => a + b, 0) / samples.length)) })
  }
  await time('资料审核 待审核 (branch)', branchOp, () => '/api/profile-reviews?state=pending')
  await time('团务管理首页 counts (branch)', branchOp, () => '/api/dashboard')
  await time('待审核 transfers (committee)', committeeOp, () => '/api/transfers?box=todo')
  await time('团员查询 first page (province, all descendants)', admin, () => '/api/members?limit=20')
  const deep = await app.inject({ method: 'GET', url: '/api/members?limit=100', headers: admin })
  const cursor = deep.json().nextCursor as string
  await time('团员查询 next page by cursor (province)', admin, () => `/api/members?limit=20&cursor=${cursor}`)
  await time('团员查询 name search (province)', admin, (i) => `/api/members?q=${encodeURIComponent(names[i % names.length])}`)
  await time('团员查询 (committee)', committeeOp, () => '/api/members')

  // Under load: 32 keep-alive connections over a real socket, interleaved rounds.
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const baseUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
  const load: LoadResult[] = await runLoad(
    baseUrl,
    [
      { name: '/healthz (floor)', path: '/healthz' },
      { name: '资料审核 待审核 (branch)', path: '/api/profile-reviews?state=pending', headers: branchOp },
      { name: '资料审核 已审核 (branch)', path: '/api/profile-reviews?state=handled', headers: branchOp },
      { name: '首页 dashboard (branch)', path: '/api/dashboard', headers: branchOp },
      { name: '待审核 transfers (committee)', path: '/api/transfers?box=todo', headers: committeeOp },
      { name: '已审核 transfers (committee)', path: '/api/transfers?box=done', headers: committeeOp },
      { name: '团员查询 page 1 (province)', path: '/api/members?limit=20', headers: admin },
      { name: '团员查询 by cursor (province)', path: `/api/members?limit=20&cursor=${cursor}`, headers: admin },
      { name: '团员查询 name search (province)', path: `/api/members?q=${encodeURIComponent(names[3])}`, headers: admin },
      { name: '我的团员 (branch)', path: '/api/members', headers: branchOp },
    ],
    { connections: 32, rounds: ROUNDS, msPerBurst: BURST_MS },
  )

  // Decisions: the write path (transaction + version check + audit row).
  const pending = (await app.inject({ method: 'GET', url: '/api/profile-reviews?limit=100', headers: branchOp })).json().items as { id: number; version: number }[]
  const ds = performance.now()
  for (const r of pending) {
    const res = await app.inject({ method: 'POST', url: `/api/profile-reviews/${r.id}/decision`, headers: branchOp, payload: { decision: 'return', reason: '基准测试', version: r.version } })
    if (res.statusCode !== 200) throw new Error(`decision: ${res.statusCode} ${res.body}`)
  }
  const perDecision = (performance.now() - ds) / Math.max(1, pending.length)
  results.push({ case: `资料审核 decision (${pending.length} sequential)`, p50_ms: +perDecision.toFixed(2), p95_ms: NaN, max_ms: NaN, rps: Math.round(1000 / perDecision) })

  const summary = {
    dialect: handle.dialect,
    members: MEMBERS,
    organisations: 2 + CITIES + COMMITTEES + BRANCHES,
    setup: { tree_s: +((tTree - t0) / 1000).toFixed(1), data_s: +((tData - tTree) / 1000).toFixed(1), members_per_s: Math.round(MEMBERS / ((tData - tTree) / 1000)) },
    iterations: ITER,
    results,
    load: { connections: 32, rounds: ROUNDS, burst_ms: BURST_MS, note: 'load client runs in the app process: rss_mb is both', results: load },
  }
  console.log(`\n团务审核 bench — ${summary.dialect}, ${MEMBERS} members, ${summary.organisations} organisations (setup ${summary.setup.data_s}s, ${summary.setup.members_per_s} members/s)\n`)
  console.table(results)
  console.log(`\nUnder load: 32 keep-alive connections, ${ROUNDS} interleaved rounds of ${BURST_MS} ms per case\n`)
  console.table(load)
  writeFileSync('bench-results.json', JSON.stringify(summary, null, 2))
  console.log('written: bench-results.json')
  await app.close()
  await handle.close()
  if (pgUrl) {
    const admin = await openDatabase(pgUrl)
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db)
    await admin.close()
  }
  rmSync(dir, { recursive: true, force: true })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
