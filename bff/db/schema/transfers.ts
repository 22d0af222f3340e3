import type { Generated } from 'kysely'
import type { TransferKind, TransferStatus, TransferInitiator, StepRole, StepState, TransferCause } from '../../../shared/transfers'

/**
 * A 组织关系转接 application. `current_org_id`/`current_seq`/`waiting_since` mirror the
 * pending step so the 待审核 queue of an organisation is one index range.
 */
export interface TransfersTable {
  id: Generated<number>
  member_id: number
  /** A copy of members.name for the 待审核 name search (migration 0014); kept by insertTransferRows and updateMember. */
  member_name: Generated<string>
  kind: TransferKind
  cause: TransferCause
  cause_note: string | null
  study_work_unit: string
  from_org_id: number
  to_org_id: number
  initiator: TransferInitiator
  initiated_by: number | null
  status: TransferStatus
  current_seq: number | null
  current_org_id: number | null
  /** The pending step's role: 待分配 (`allocate`) is a box of its own (docs/DOMAIN.md §5a). */
  current_role: StepRole | null
  /** The route's 转出上级 and 转入上级 organisations, copied from its steps for the lists (migration 0016); set by insertTransferRows. */
  out_parent_org_id: number | null
  in_parent_org_id: number | null
  /** 毕业 to a 团委: the 团支部 it allocated the graduate to. */
  allocated_org_id: number | null
  waiting_since: string | null
  applied_at: string
  ended_at: string | null
  end_reason: string | null
  version: Generated<number>
}

export interface TransferStepsTable {
  id: Generated<number>
  transfer_id: number
  seq: number
  role: StepRole
  org_id: number
  state: StepState
  waiting_since: string | null
  decided_at: string | null
  decided_by: number | null
  decided_channel: string | null
  reason: string | null
}
