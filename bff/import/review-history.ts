/**
 * The 资料审核 rows an imported member's status implies (docs/DOMAIN.md §3, docs/CONTRACT.md): a
 * pending member waits in its branch's queue with a pending registration review submitted
 * at `appliedAt`; a returned or withdrawn member keeps the decided request as history, so
 * the member-facing system can still show the latest 退回原因.
 */
import type { Insertable } from 'kysely'
import type { ProfileReviewsTable } from '../db/schema/profile-reviews'
import type { ValidMember } from './format'

/** What a returned request says when the source system did not keep its reason. */
const UNKNOWN_RETURN_REASON = '（导入的历史记录，未注明退回原因）'

type ReviewRow = Insertable<ProfileReviewsTable>

export function reviewHistoryOf(m: ValidMember, memberId: number, orgId: number): ReviewRow[] {
  const submitted = m.appliedAt ?? m.addedAt
  const decided = m.reviewedAt ?? submitted
  const row = (kind: ReviewRow['kind'], state: ReviewRow['state'], decidedAt: string | null, reason: string | null): ReviewRow => ({
    member_id: memberId,
    org_id: orgId,
    kind,
    state,
    // A returned change's requested values are not part of the import format: the history keeps no table.
    changes_json: kind === 'change' ? '[]' : null,
    submitted_at: submitted,
    decided_at: decidedAt,
    reason,
  })
  const reason = m.returnReason?.trim() || UNKNOWN_RETURN_REASON
  switch (m.status) {
    case 'registration_pending':
      return [row('registration', 'pending', null, null)]
    case 'registration_returned':
      return [row('registration', 'returned', decided, reason)]
    case 'registration_withdrawn':
      return [row('registration', 'withdrawn', decided, null)]
    case 'change_returned':
      return [row('change', 'returned', decided, reason)]
    default:
      return []
  }
}
