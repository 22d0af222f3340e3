import type { Generated } from 'kysely'
import type { ReviewKind, ReviewState } from '../../../shared/reviews'
import type { Channel } from '../../../shared/organizations'

/**
 * One request in the 资料审核 queue of a branch. A resubmission is a new row; decided rows
 * stay as history. `changes_json` holds `[{field, before, after}]` for a 修改资料 request.
 */
export interface ProfileReviewsTable {
  id: Generated<number>
  member_id: number
  org_id: number
  kind: ReviewKind
  state: ReviewState
  changes_json: string | null
  submitted_at: string
  decided_at: string | null
  decided_by: number | null
  decided_channel: Channel | null
  reason: string | null
  version: Generated<number>
}
