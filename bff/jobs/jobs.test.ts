/**
 * Background work that is correct with several processes (issue #10): leases, dead letters
 * and the admin's 重试, pruning (imported members' checks: imported-checks.test.ts). One process
 * at a time here; bff/test/multi-process.test.ts runs two real processes.
 */
import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { claimDue, completeJob, enqueue, renewLease } from './repository'
import { schedulePrune } from './prune'

const w = useWorld({ env: { JOB_MAX_ATTEMPTS: '3', JOB_RETENTION_DAYS: '7' } })

describe('leases', () => {
  it('a worker that lost its lapsed lease cannot renew or finish the job; the new holder can', async () => {
    await enqueue(w.ctx.db, { kind: 'noop', payload: {}, runAt: w.ctx.clock.now() }, w.ctx.clock.now())
    const [a] = await claimDue(w.ctx.db, 'A', w.ctx.clock.now(), 60_000, 10)
    expect(await claimDue(w.ctx.db, 'B', w.ctx.clock.now(), 60_000, 10)).toEqual([]) // held
    w.ctx.clock.advance(61_000)
    const [b] = await claimDue(w.ctx.db, 'B', w.ctx.clock.now(), 60_000, 10)
    expect(b).toMatchObject({ id: a.id, locked_by: 'B', attempts: 2 })
    expect(await renewLease(w.ctx.db, a, new Date(w.ctx.clock.now().getTime() + 60_000))).toBe(false)
    await completeJob(w.ctx.db, a, w.ctx.clock.now())
    expect((await w.ctx.db.selectFrom('jobs').select('done_at').where('id', '=', a.id).executeTakeFirstOrThrow()).done_at).toBeNull()
    expect(await renewLease(w.ctx.db, b, new Date(w.ctx.clock.now().getTime() + 60_000))).toBe(true)
    await completeJob(w.ctx.db, b, w.ctx.clock.now())
    expect((await w.ctx.db.selectFrom('jobs').select('done_at').where('id', '=', a.id).executeTakeFirstOrThrow()).done_at).not.toBeNull()
  })
})

describe('dead letters and 重试', () => {
  it('after JOB_MAX_ATTEMPTS a job is set aside with its error, shown on 后台任务, and an admin’s 重试 runs it again', async () => {
    const { bg, service } = await w.backgroundCheckingWith(['http500', 'http500', 'http500', 'match'])
    const { memberId } = await w.register()
    for (let i = 0; i < 5; i++) {
      await bg.worker.tick()
      w.ctx.clock.advance(31 * 60_000)
    }
    expect(service.calls).toHaveLength(3) // three attempts, then nothing more
    const root = await w.as('gdadmin', 'pc')
    const status = (await root.get('/api/background')).json()
    expect(status).toMatchObject({ failedCount: 1, jobsDue: 0 })
    expect(status.failedJobs[0]).toMatchObject({ kind: 'realname_check', kindLabel: '实名认证核验', attempts: 3, lastError: '实名认证服务暂时不可用，稍后重试' })

    const branchAdmin = await w.as('a1admin', 'pc')
    expect((await branchAdmin.post(`/api/background/jobs/${status.failedJobs[0].id}/retry`)).statusCode).toBe(403)
    expect((await root.post(`/api/background/jobs/${status.failedJobs[0].id}/retry`)).statusCode).toBe(200)
    expect((await root.post(`/api/background/jobs/${status.failedJobs[0].id}/retry`)).statusCode).toBe(409)
    expect((await root.post('/api/background/jobs/999999/retry')).statusCode).toBe(404)
    const audit = await w.ctx.db.selectFrom('audit_log').select(['summary', 'account_id']).where('action', '=', 'background.retry').execute()
    expect(audit).toEqual([{ account_id: w.accounts.gdadmin, summary: expect.stringContaining('后台任务重试：实名认证核验') }])

    await bg.worker.tick()
    expect(service.calls).toHaveLength(4)
    expect((await w.ctx.db.selectFrom('members').select('realname_status').where('id', '=', memberId).executeTakeFirstOrThrow()).realname_status).toBe('passed')
    expect((await root.get('/api/background')).json()).toMatchObject({ failedCount: 0, failedJobs: [] })
  })
})

describe('pruning', () => {
  it('deletes finished jobs and delivered messages older than JOB_RETENTION_DAYS and day-old failed-login counts, keeps the rest', async () => {
    const { bg } = await w.backgroundCheckingWith(['match'])
    await schedulePrune(w.ctx) // as createBackground's start() does
    await w.register()
    await bg.worker.tick()
    const at = w.ctx.clock.now().toISOString()
    const delivery = await w.ctx.db
      .insertInto('notification_deliveries')
      .values({ org_id: w.orgs.a1.id, touser: 'zhangwei', payload_json: '{}', state: 'sent', next_attempt_at: at, created_at: at, sent_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await w.ctx.db.insertInto('notification_events').values({ org_id: w.orgs.a1.id, kind: 'registration', object_id: null, title: 't', created_at: at, delivery_id: delivery.id }).execute()
    const failedLogin = (key: string) => w.ctx.db.insertInto('login_failures').values({ name_hash: key, source: '192.0.2.1', failures: 6, delayed_until: null, last_failed_at: w.ctx.clock.now().toISOString() }).execute()
    await failedLogin('old')
    w.ctx.clock.advance(6 * 86_400_000)
    await w.register() // a newer job, not due for pruning
    w.ctx.clock.advance(2 * 86_400_000) // the prune job is due (03:00 CST daily) and the first job is 8 days old
    await failedLogin('recent')
    await bg.worker.tick()
    expect((await w.ctx.db.selectFrom('login_failures').select('name_hash').execute()).map((r) => r.name_hash)).toEqual(['recent'])
    const jobs = await w.ctx.db.selectFrom('jobs').select(['kind', 'created_at']).where('kind', '=', 'realname_check').execute()
    expect(jobs).toHaveLength(1)
    expect(await w.ctx.db.selectFrom('notification_deliveries').selectAll().execute()).toEqual([])
    expect(await w.ctx.db.selectFrom('notification_events').selectAll().where('delivery_id', 'is not', null).execute()).toEqual([])
    // The next clean-up is scheduled.
    expect(await w.ctx.db.selectFrom('jobs').select('run_at').where('kind', '=', 'prune').where('done_at', 'is', null).execute()).toHaveLength(1)
  })
})
