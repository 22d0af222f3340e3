/**
 * ID-card photos are kept only PHOTO_RETENTION_DAYS after the offline verification that took
 * them (issue #11; PIPL art. 19: no longer than the purpose needs — docs/CONTRACT.md says why a
 * year). Run by the daily clean-up (bff/jobs/prune.ts): in chunks of CHUNK verifications, one
 * transaction each, at most MAX_CHUNKS a run (the rest waits for the next night), it deletes
 * the photo bytes, marks the verification with the date and writes an audit row. The
 * explanation, the verifier and the decision's audit row stay: the record still says that
 * photos existed and when they were deleted.
 */
import type { AppContext } from '../context'
import { writeAudit } from '../audit/write'
import { deleteOfflinePhotos, verificationsWithExpiredPhotos } from './repository'

/** Up to 8 photos of up to 5 MB each per verification: a chunk frees at most 2 GB. */
const CHUNK = 50
const MAX_CHUNKS = 200

/** Answers how many verifications lost their photos in this run. */
export async function deleteExpiredPhotos(ctx: AppContext, opts: { chunk?: number; maxChunks?: number } = {}): Promise<number> {
  const days = ctx.config.photos.retentionDays
  const chunk = opts.chunk ?? CHUNK
  let cleared = 0
  for (let i = 0; i < (opts.maxChunks ?? MAX_CHUNKS); i++) {
    const now = ctx.clock.now()
    const before = new Date(now.getTime() - days * 86_400_000).toISOString()
    const ids = await verificationsWithExpiredPhotos(ctx.db, before, chunk)
    if (ids.length === 0) break
    await ctx.db.transaction().execute(async (trx) => {
      for (const v of await deleteOfflinePhotos(trx, ids, now.toISOString())) {
        await writeAudit(trx, {
          at: now.toISOString(), accountId: null, orgId: v.org_id, action: 'realname.photos_deleted', objectType: 'profile_review', objectId: v.review_id,
          summary: `线下核验照片${v.photos}张已按保存期限（${days}天）删除`, detail: { memberId: v.member_id, photos: v.photos }, channel: 'system', ip: null,
        })
        cleared++
      }
    })
    if (ids.length < chunk) break
  }
  return cleared
}
