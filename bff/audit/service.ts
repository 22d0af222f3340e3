import type { AppContext } from '../context'
import type { Actor } from '../scope'
import type { PageOf } from '../../shared/api/common'
import { AUDIT_ACTIONS, type AuditEntry } from '../../shared/api/audit'
import { decodeCursor, limitOf, pageOf } from '../pagination'
import { listAuditOfOrg } from './repository'

/** 操作日志 of the actor's organisation, newest first, over index (org_id, id). */
export async function listAudit(ctx: AppContext, actor: Actor, q: { cursor?: string; limit?: number }): Promise<PageOf<AuditEntry>> {
  const limit = limitOf(q.limit)
  const rows = await listAuditOfOrg(ctx.db, actor.orgId, decodeCursor(q.cursor), limit)
  return pageOf(
    rows,
    limit,
    (r) => ({
      id: r.id,
      at: r.at,
      account: r.a_id !== null && r.a_name !== null && r.a_kind !== null ? { id: r.a_id, name: r.a_name, kind: r.a_kind } : null,
      action: r.action,
      actionLabel: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      summary: r.summary,
      channel: r.channel,
      ip: r.ip,
    }),
    (r) => [0, r.id],
  )
}
