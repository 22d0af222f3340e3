/**
 * ID-card photos are kept PHOTO_RETENTION_DAYS (default 365) after their offline verification
 * (issue #11, docs/CONTRACT.md): the daily clean-up then deletes their bytes, in bounded
 * chunks, and the record says when; the explanation, the verifier and the audit trail stay.
 * Time is the injectable clock, moved by hand.
 */
import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { jpeg, uploadOffline } from '../test/photos'
import { pruneHandler } from '../jobs/prune'
import { deleteExpiredPhotos } from './photo-retention'

const w = useWorld()
const DAY = 86_400_000

/** A failed real-name check of a1, verified offline on the PC now with `photos` photos. */
async function verifiedOffline(name: string, photos = 2) {
  const { reviewId, id: memberId } = await w.member('a1', { realNameStatus: 'failed', name })
  const op = await w.as('a1op', 'pc')
  const res = await uploadOffline(w.app, op, reviewId!, {
    reason: '已线下核验身份证原件，信息无误',
    photos: Array.from({ length: photos }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpeg() })),
  })
  expect(res.statusCode).toBe(200)
  return { reviewId: reviewId!, memberId, photoUrls: (res.json().realName.offline.photos as { url: string }[]).map((p) => p.url) }
}

const photoRows = async () => (await w.ctx.db.selectFrom('offline_photos').select('id').execute()).length

describe('photo retention', () => {
  it('keeps the photos until PHOTO_RETENTION_DAYS after the decision', async () => {
    const v = await verifiedOffline('孙丽')
    w.ctx.clock.advance(365 * DAY - 60_000)
    await pruneHandler(w.ctx)
    const op = await w.as('a1op', 'pc')
    expect((await op.get(v.photoUrls[0])).statusCode).toBe(200)
    expect((await op.get(`/api/profile-reviews/${v.reviewId}`)).json().realName.offline).toMatchObject({ photosDeletedAt: null })
    expect(await photoRows()).toBe(2)
  })

  it('then the daily clean-up deletes their bytes and the record says when, keeping the explanation and the audit trail', async () => {
    const old = await verifiedOffline('孙丽')
    w.ctx.clock.advance(200 * DAY)
    const recent = await verifiedOffline('周杰', 1)
    w.ctx.clock.advance(166 * DAY)
    const prunedAt = w.ctx.clock.now().toISOString()
    await pruneHandler(w.ctx)

    const op = await w.as('a1op', 'pc')
    for (const url of old.photoUrls) expect((await op.get(url)).statusCode).toBe(404)
    expect((await op.get(recent.photoUrls[0])).statusCode).toBe(200)
    expect(await photoRows()).toBe(1)
    const review = (await op.get(`/api/profile-reviews/${old.reviewId}`)).json()
    expect(review.realName).toMatchObject({ status: 'offline_passed' })
    expect(review.realName.offline).toEqual({
      explanation: '已线下核验身份证原件，信息无误', verifiedAt: expect.any(String), verifiedBy: '张伟', photos: [], photosDeletedAt: prunedAt,
    })
    expect((await op.get(`/api/members/${old.memberId}`)).json().offline).toMatchObject({ photos: [], photosDeletedAt: prunedAt })

    const audit = await w.ctx.db.selectFrom('audit_log').select('object_id').where('action', '=', 'review.offline_pass').execute()
    expect(audit.map((a) => a.object_id).sort()).toEqual([old.reviewId, recent.reviewId].sort())
    const deletions = await w.ctx.db.selectFrom('audit_log').select(['object_id', 'summary', 'account_id', 'channel', 'at']).where('action', '=', 'realname.photos_deleted').execute()
    expect(deletions).toEqual([{ object_id: old.reviewId, summary: '线下核验照片2张已按保存期限（365天）删除', account_id: null, channel: 'system', at: prunedAt }])

    // A second run the next night finds nothing more to do: no second audit row, the date stays.
    w.ctx.clock.advance(DAY)
    await pruneHandler(w.ctx)
    expect(await w.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'realname.photos_deleted').execute()).toHaveLength(1)
    const nextDay = await w.as('a1op', 'pc')
    expect((await nextDay.get(`/api/profile-reviews/${old.reviewId}`)).json().realName.offline.photosDeletedAt).toBe(prunedAt)
  })

  it('works in bounded chunks: a run stops after its last chunk, the next run goes on', async () => {
    for (const name of ['甲一', '乙二', '丙三', '丁四', '戊五']) await verifiedOffline(name, 1)
    w.ctx.clock.advance(366 * DAY)
    expect(await deleteExpiredPhotos(w.ctx, { chunk: 2, maxChunks: 2 })).toBe(4)
    expect(await photoRows()).toBe(1)
    expect(await deleteExpiredPhotos(w.ctx, { chunk: 2, maxChunks: 2 })).toBe(1)
    expect(await photoRows()).toBe(0)
    expect(await deleteExpiredPhotos(w.ctx, { chunk: 2, maxChunks: 2 })).toBe(0)
  })

  it('follows PHOTO_RETENTION_DAYS', async () => {
    w.ctx.config.photos.retentionDays = 30 // as PHOTO_RETENTION_DAYS=30 gives (bff/config.test.ts)
    await verifiedOffline('孙丽', 1)
    w.ctx.clock.advance(30 * DAY - 1)
    expect(await deleteExpiredPhotos(w.ctx)).toBe(0)
    w.ctx.clock.advance(2)
    expect(await deleteExpiredPhotos(w.ctx)).toBe(1)
    const summaries = await w.ctx.db.selectFrom('audit_log').select('summary').where('action', '=', 'realname.photos_deleted').execute()
    expect(summaries).toEqual([{ summary: '线下核验照片1张已按保存期限（30天）删除' }])
  })
})
