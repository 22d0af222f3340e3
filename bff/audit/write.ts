/**
 * The audit log (运营者操作日志). `writeAudit` takes only a transaction, so a decision and its
 * audit row always commit together (docs/ARCHITECTURE.md principle 1).
 */
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Channel } from '../../shared/organizations'
import type { AuditAction } from '../../shared/api/audit'

export interface AuditEntryInput {
  at: string
  accountId: number | null
  orgId: number | null
  action: AuditAction
  objectType: 'member' | 'profile_review' | 'transfer' | 'account' | 'organization' | null
  objectId: number | null
  summary: string
  detail?: Record<string, unknown>
  channel: Channel
  ip: string | null
}

/** Where a change came from, for its audit row: the channel and the client's address. */
export type RequestMeta = Pick<AuditEntryInput, 'channel' | 'ip'>

/** A change reported by the member-facing system (docs/CONTRACT.md "Integration API"). */
export const INTEGRATION_META: RequestMeta = { channel: 'integration', ip: null }

/** The part of an audit row that says who acted, from where and when: an operator's decision. */
export function byActor(actor: { accountId: number; orgId: number }, meta: RequestMeta, at: string): Pick<AuditEntryInput, 'at' | 'accountId' | 'orgId' | 'channel' | 'ip'> {
  return { at, accountId: actor.accountId, orgId: actor.orgId, channel: meta.channel, ip: meta.ip }
}

export async function writeAudit(trx: Transaction<Database>, e: AuditEntryInput): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: e.at,
      account_id: e.accountId,
      org_id: e.orgId,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      summary: e.summary,
      detail_json: e.detail ? JSON.stringify(e.detail) : null,
      channel: e.channel,
      ip: e.ip,
    })
    .execute()
}
