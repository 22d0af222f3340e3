/**
 * The 线下通过 record shown with a member afterwards (docs/DOMAIN.md §4): the explanation, who
 * verified and when, and the photos for a reviewer of the member's organisation only — or,
 * after PHOTO_RETENTION_DAYS, the date they were deleted (bff/reviews/photo-retention.ts).
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canDecideFor } from '../scope'
import { latestOfflineVerification, offlinePhotoIds } from './repository'

export async function offlineInfo(ctx: AppContext, actor: Actor, memberId: number) {
  const v = await latestOfflineVerification(ctx.db, memberId)
  if (!v) return null
  const photos = canDecideFor(actor, v.org_id) && !v.photos_deleted_at ? await offlinePhotoIds(ctx.db, v.id) : []
  return {
    explanation: v.explanation,
    verifiedAt: v.verified_at,
    verifiedBy: v.name,
    photos: photos.map((id) => ({ id, url: `/api/offline-photos/${id}` })),
    photosDeletedAt: v.photos_deleted_at,
  }
}
