/**
 * Members arrive by import with their real-name checks queued (issue #10, docs/DOMAIN.md §4):
 * 校验中 ones are checked, recent 未通过 ones re-checked, and the re-check promise on the
 * review follows the queue. The province is the import's own, not the fixture's.
 */
import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { runImport } from '../import/run'
import { sampleFile, SAMPLE_NOW } from '../import/sample-file'

const w = useWorld({ env: { REALNAME_RECHECK_DELAYS: '1h,6h,23h' }, province: false })

describe('imported members', () => {
  it('校验中 members are checked and recent 未通过 ones re-checked, once each; the re-check promise follows the queue', async () => {
    const file = sampleFile()
    const recentlyApplied = new Date(SAMPLE_NOW.getTime() - 30 * 60_000).toISOString()
    for (const i of [10, 11]) file.members![i] = { ...file.members![i], status: 'registration_pending', realNameStatus: 'pending', appliedAt: recentlyApplied }
    file.members![0].realNameStatus = 'failed' // registration_pending, applied 2026-11-18T08:00Z: more than 24 h before SAMPLE_NOW
    file.members![12] = { ...file.members![12], status: 'registration_pending', realNameStatus: 'failed', appliedAt: recentlyApplied }
    const outcome = await runImport(w.ctx.db, w.ctx.crypto, file, { now: SAMPLE_NOW, recheckDelaysMs: w.ctx.config.realname.recheckDelaysMs })
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems))
    expect(outcome.counts.realNameChecks).toBe(3)
    w.ctx.clock.set(SAMPLE_NOW)

    const reviewOf = async (idx: number) => {
      const m = await w.ctx.db.selectFrom('members').select('id').where('id_card_hash', '=', w.ctx.crypto.lookupHash(file.members![idx].idCard)).executeTakeFirstOrThrow()
      const r = await w.ctx.db.selectFrom('profile_reviews').select('id').where('member_id', '=', m.id).where('state', '=', 'pending').executeTakeFirstOrThrow()
      return { memberId: m.id, reviewId: r.id }
    }
    // Members 0 and 12 belong to b-001 (i % 3), whose admin reviews them.
    const admin = await w.ctx.db.selectFrom('accounts as a').innerJoin('organizations as o', 'o.id', 'a.org_id').select('a.id').where('o.code', '=', 'b-001').where('a.kind', '=', 'admin').executeTakeFirstOrThrow()
    const old = await reviewOf(0)
    const recent = await reviewOf(12)
    const reviewer = await w.as(admin.id, 'pc')
    expect((await reviewer.get(`/api/profile-reviews/${old.reviewId}`)).json().realName).toMatchObject({ status: 'failed', recheckScheduled: false })
    expect((await reviewer.get(`/api/profile-reviews/${recent.reviewId}`)).json().realName).toMatchObject({ status: 'failed', recheckScheduled: true, nextRecheckAt: new Date(SAMPLE_NOW.getTime() + 30 * 60_000).toISOString() })

    const { bg, service } = await w.backgroundCheckingWith(['match'])
    await bg.worker.tick()
    expect(service.calls).toHaveLength(2) // the two 校验中 members, now
    w.ctx.clock.advance(31 * 60_000)
    await bg.worker.tick()
    expect(service.calls).toHaveLength(3) // the recent 未通过 one, at its 1 h re-check
    w.ctx.clock.advance(24 * 3_600_000)
    await bg.worker.tick()
    expect(service.calls).toHaveLength(3)
    const statuses = await w.ctx.db.selectFrom('members').select('realname_status').where('id', 'in', [old.memberId, recent.memberId]).orderBy('id').execute()
    expect(statuses.map((s) => s.realname_status)).toEqual(['failed', 'passed'])
    expect(await w.ctx.db.selectFrom('members').select('id').where('realname_status', '=', 'pending').execute()).toEqual([])
  })
})
