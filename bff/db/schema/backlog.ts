import type { Generated } from 'kysely'
import type { ReasonKind } from '../../../shared/api/return-reasons'

/** 常用退回原因 (docs/DOMAIN.md §5b): the preset list of a kind, in the root admin's order. */
export interface ReturnReasonPresetsTable {
  id: Generated<number>
  kind: ReasonKind
  position: number
  text: string
}

/** 催办 sent to an organisation (docs/DOMAIN.md §6); unique per organisation and China day. */
export interface RemindersTable {
  id: Generated<number>
  org_id: number
  day: string
  account_id: number
  at: string
}
