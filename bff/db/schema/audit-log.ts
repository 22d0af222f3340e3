import type { Generated } from 'kysely'
import type { Channel } from '../../../shared/organizations'

/** 运营者操作日志: every decision and every sign-in, attributed. Append only. */
export interface AuditLogTable {
  id: Generated<number>
  at: string
  account_id: number | null
  org_id: number | null
  action: string
  object_type: string | null
  object_id: number | null
  summary: string
  detail_json: string | null
  channel: Channel
  ip: string | null
}
