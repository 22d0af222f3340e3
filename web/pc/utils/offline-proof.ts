/**
 * The 线下通过 record (explanation, photos) of a member. MemberDetail does not carry it yet;
 * ProfileReviewDetail.realName.offline does, for any review of the member (the BFF reads the
 * member's latest offline verification). So: the member's open review if there is one, else
 * the member's reviews this organisation decided (found by name, matched by id).
 * TODO(bff): put `realName: RealNameInfo` on MemberDetail and drop this look-up.
 */
import type { MemberDetail } from '@shared/api/members'
import type { RealNameInfo } from '@shared/api/reviews'
import { getProfileReview, listProfileReviews } from '@/api/reviews'

export type OfflineProof = NonNullable<RealNameInfo['offline']>

export async function loadOfflineProof(member: MemberDetail): Promise<OfflineProof | null> {
  if (member.realNameStatus !== 'offline_passed') return null
  let reviewId = member.pendingReview?.id
  if (!reviewId) {
    const page = await listProfileReviews({ state: 'handled', q: member.name, limit: 100 })
    reviewId = page.items.find((r) => r.member.id === member.id && r.status === 'approved')?.id
  }
  if (!reviewId) return null
  return (await getProfileReview(reviewId)).realName.offline
}
