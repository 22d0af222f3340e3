/** Reading the audit log (writing it is bff/audit/write.ts, inside a decision's transaction). */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { CursorKey } from '../pagination'

/** 操作日志 of one organisation, newest first, over index (org_id, id). */
export async function listAuditOfOrg(db: Kysely<Database>, orgId: number, cursor: CursorKey | null, limit: number) {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('accounts as a', 'a.id', 'l.account_id')
    .select(['l.id', 'l.at', 'l.action', 'l.object_type', 'l.object_id', 'l.summary', 'l.channel', 'l.ip', 'a.id as a_id', 'a.name as a_name', 'a.kind as a_kind'])
    .where('l.org_id', '=', orgId)
  if (cursor) query = query.where('l.id', '<', cursor[1])
  return query.orderBy('l.id', 'desc').limit(limit + 1).execute()
}
