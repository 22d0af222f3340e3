/**
 * Background work that is correct with several processes (issue #10): leases, dead letters
 * and the admin's 重试, pruning, imported members' checks, and the re-check promise shown
 * only when a re-check job exists. One process at a time here; bff/test/multi-process.test.ts
 * runs two real processes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { testContext, testApp, loginAs, type TestContext } from '../test/context'
import { seedProvince, makeIdCard, type Province } from '../test/fixtures'
import { startFakeRealname, type Scripted } from '../test/fake-realname-server'
import { createBackground } from '../background'
import { httpProvider } from '../realname/http-provider'
import { claimDue, completeJob, enqueue, renewLease } from './repository'
import { schedulePrune } from './prune'
import { runImport } from '../import/run'
import { sampleFile, SAMPLE_NOW } from '../import/sample-file'
import { createDataCrypto } from '../security/data-crypto'
import { randomBytes } from 'node:crypto'

let ctx: TestContext
let app: FastifyInstance
let province: Province
let fake: Awaited<ReturnType<typeof startFakeRealname>> | null = null

beforeEach(async () => {
  ctx = await testContext({ JOB_MAX_ATTEMPTS: '3', JOB_RETENTION_DAYS: '7' })
  app = await testApp(ctx)
  province = await seedProvince(ctx)
})
afterEach(async () => {
  await app.close()
  await ctx.close()
  await fake?.close()
  fake = null
})

async function withProvider(script: Scripted[]) {
  fake = await startFakeRealname(script)
  return createBackground(ctx, { provider: httpProvider(fake.url, 2000), sender: null })
}

async function register(): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/integration/v1/registrations',
    headers: { authorization: 'Bearer test-integration-token' },
    payload: {
      org: 'a1', name: '钱多多', idCard: makeIdCard('20030710'), mobile: '13600001234', nation: '汉族',
      education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2018-05',
    },
  })
  expect(res.statusCode).toBe(201)
  return (res.json() as { memberId: number }).memberId
}

describe('leases', () => {
  it('a worker that lost its lapsed lease cannot renew or finish the job; the new holder can', async () => {
    await enqueue(ctx.db, { kind: 'noop', payload: {}, runAt: ctx.clock.now() }, ctx.clock.now())
    const [a] = await claimDue(ctx.db, 'A', ctx.clock.now(), 60_000, 10)
    expect(await claimDue(ctx.db, 'B', ctx.clock.now(), 60_000, 10)).toEqual([]) // held
    ctx.clock.advance(61_000)
    const [b] = await claimDue(ctx.db, 'B', ctx.clock.now(), 60_000, 10)
    expect(b).toMatchObject({ id: a.id, locked_by: 'B', attempts: 2 })
    expect(await renewLease(ctx.db, a, new Date(ctx.clock.now().getTime() + 60_000))).toBe(false)
    await completeJob(ctx.db, a, ctx.clock.now())
    expect((await ctx.db.selectFrom('jobs').select('done_at').where('id', '=', a.id).executeTakeFirstOrThrow()).done_at).toBeNull()
    expect(await renewLease(ctx.db, b, new Date(ctx.clock.now().getTime() + 60_000))).toBe(true)
    await completeJob(ctx.db, b, ctx.clock.now())
    expect((await ctx.db.selectFrom('jobs').select('done_at').where('id', '=', a.id).executeTakeFirstOrThrow()).done_at).not.toBeNull()
  })
})

describe('dead letters and 重试', () => {
  it('after JOB_MAX_ATTEMPTS a job is set aside with its error, shown on 后台任务, and an admin’s 重试 runs it again', async () => {
    const bg = await withProvider(['http500', 'http500', 'http500', 'match'])
    const memberId = await register()
    for (let i = 0; i < 5; i++) {
      await bg.worker.tick()
      ctx.clock.advance(31 * 60_000)
    }
    expect(fake!.calls).toHaveLength(3) // three attempts, then nothing more
    const root = await loginAs(app, ctx, province.accounts.gdadmin, 'pc')
    const status = (await root.get('/api/background')).json()
    expect(status).toMatchObject({ failedCount: 1, jobsDue: 0 })
    expect(status.failedJobs[0]).toMatchObject({ kind: 'realname_check', kindLabel: '实名认证核验', attempts: 3, lastError: '实名认证服务暂时不可用，稍后重试' })

    const branchAdmin = await loginAs(app, ctx, province.accounts.a1admin, 'pc')
    expect((await branchAdmin.post(`/api/background/jobs/${status.failedJobs[0].id}/retry`)).statusCode).toBe(403)
    expect((await root.post(`/api/background/jobs/${status.failedJobs[0].id}/retry`)).statusCode).toBe(200)
    expect((await root.post(`/api/background/jobs/${status.failedJobs[0].id}/retry`)).statusCode).toBe(409)
    expect((await root.post('/api/background/jobs/999999/retry')).statusCode).toBe(404)
    const audit = await ctx.db.selectFrom('audit_log').select(['summary', 'account_id']).where('action', '=', 'background.retry').execute()
    expect(audit).toEqual([{ account_id: province.accounts.gdadmin, summary: expect.stringContaining('后台任务重试：实名认证核验') }])

    await bg.worker.tick()
    expect(fake!.calls).toHaveLength(4)
    expect((await ctx.db.selectFrom('members').select('realname_status').where('id', '=', memberId).executeTakeFirstOrThrow()).realname_status).toBe('passed')
    expect((await root.get('/api/background')).json()).toMatchObject({ failedCount: 0, failedJobs: [] })
  })
})

describe('pruning', () => {
  it('deletes finished jobs and delivered messages older than JOB_RETENTION_DAYS and day-old failed-login counts, keeps the rest', async () => {
    const bg = await withProvider(['match'])
    await schedulePrune(ctx) // as createBackground's start() does
    await register()
    await bg.worker.tick()
    const at = ctx.clock.now().toISOString()
    const delivery = await ctx.db
      .insertInto('notification_deliveries')
      .values({ org_id: province.orgs.a1.id, touser: 'zhangwei', payload_json: '{}', state: 'sent', next_attempt_at: at, created_at: at, sent_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await ctx.db.insertInto('notification_events').values({ org_id: province.orgs.a1.id, kind: 'registration', object_id: null, title: 't', created_at: at, delivery_id: delivery.id }).execute()
    const failedLogin = (key: string) => ctx.db.insertInto('login_failures').values({ name_hash: key, source: '192.0.2.1', failures: 6, delayed_until: null, last_failed_at: ctx.clock.now().toISOString() }).execute()
    await failedLogin('old')
    ctx.clock.advance(6 * 86_400_000)
    await register() // a newer job, not due for pruning
    ctx.clock.advance(2 * 86_400_000) // the prune job is due (03:00 CST daily) and the first job is 8 days old
    await failedLogin('recent')
    await bg.worker.tick()
    expect((await ctx.db.selectFrom('login_failures').select('name_hash').execute()).map((r) => r.name_hash)).toEqual(['recent'])
    const jobs = await ctx.db.selectFrom('jobs').select(['kind', 'created_at']).where('kind', '=', 'realname_check').execute()
    expect(jobs).toHaveLength(1)
    expect(await ctx.db.selectFrom('notification_deliveries').selectAll().execute()).toEqual([])
    expect(await ctx.db.selectFrom('notification_events').selectAll().where('delivery_id', 'is not', null).execute()).toEqual([])
    // The next clean-up is scheduled.
    expect(await ctx.db.selectFrom('jobs').select('run_at').where('kind', '=', 'prune').where('done_at', 'is', null).execute()).toHaveLength(1)
  })
})

describe('imported members', () => {
  it('校验中 members are checked and recent 未通过 ones re-checked, once each; the re-check promise follows the queue', async () => {
    await app.close()
    await ctx.close()
    ctx = await testContext({ REALNAME_RECHECK_DELAYS: '1h,6h,23h' })
    const file = sampleFile()
    const recentlyApplied = new Date(SAMPLE_NOW.getTime() - 30 * 60_000).toISOString()
    for (const i of [10, 11]) file.members![i] = { ...file.members![i], status: 'registration_pending', realNameStatus: 'pending', appliedAt: recentlyApplied }
    file.members![0].realNameStatus = 'failed' // registration_pending, applied 2026-11-18T08:00Z: more than 24 h before SAMPLE_NOW
    file.members![12] = { ...file.members![12], status: 'registration_pending', realNameStatus: 'failed', appliedAt: recentlyApplied }
    ctx.crypto = createDataCrypto(randomBytes(32))
    const outcome = await runImport(ctx.db, ctx.crypto, file, { now: SAMPLE_NOW, recheckDelaysMs: ctx.config.realname.recheckDelaysMs })
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems))
    expect(outcome.counts.realNameChecks).toBe(3)
    ctx.clock.set(SAMPLE_NOW)

    const reviewOf = async (idx: number) => {
      const m = await ctx.db.selectFrom('members').select('id').where('id_card_hash', '=', ctx.crypto.lookupHash(file.members![idx].idCard)).executeTakeFirstOrThrow()
      const r = await ctx.db.selectFrom('profile_reviews').select('id').where('member_id', '=', m.id).where('state', '=', 'pending').executeTakeFirstOrThrow()
      return { memberId: m.id, reviewId: r.id }
    }
    // Members 0 and 12 belong to b-001 (i % 3), whose admin reviews them.
    const admin = await ctx.db.selectFrom('accounts as a').innerJoin('organizations as o', 'o.id', 'a.org_id').select('a.id').where('o.code', '=', 'b-001').where('a.kind', '=', 'admin').executeTakeFirstOrThrow()
    await app.close()
    app = await testApp(ctx)
    const old = await reviewOf(0)
    const recent = await reviewOf(12)
    const reviewer = await loginAs(app, ctx, admin.id, 'pc')
    expect((await reviewer.get(`/api/profile-reviews/${old.reviewId}`)).json().realName).toMatchObject({ status: 'failed', recheckScheduled: false })
    expect((await reviewer.get(`/api/profile-reviews/${recent.reviewId}`)).json().realName).toMatchObject({ status: 'failed', recheckScheduled: true, nextRecheckAt: new Date(SAMPLE_NOW.getTime() + 30 * 60_000).toISOString() })

    const bg = await withProvider(['match'])
    await bg.worker.tick()
    expect(fake!.calls).toHaveLength(2) // the two 校验中 members, now
    ctx.clock.advance(31 * 60_000)
    await bg.worker.tick()
    expect(fake!.calls).toHaveLength(3) // the recent 未通过 one, at its 1 h re-check
    ctx.clock.advance(24 * 3_600_000)
    await bg.worker.tick()
    expect(fake!.calls).toHaveLength(3)
    const statuses = await ctx.db.selectFrom('members').select('realname_status').where('id', 'in', [old.memberId, recent.memberId]).orderBy('id').execute()
    expect(statuses.map((s) => s.realname_status)).toEqual(['failed', 'passed'])
    expect(await ctx.db.selectFrom('members').select('id').where('realname_status', '=', 'pending').execute()).toEqual([])
  })
})
