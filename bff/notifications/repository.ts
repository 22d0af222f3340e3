/** The notification outbox's SQL: who receives an organisation's messages, and pruning. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** Active operators and admins of the organisation with WeCom bound and notifications on. */
export async function notifiedAccounts(db: Db, orgId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('wecom_user_id')
    .where('org_id', '=', orgId)
    .where('kind', 'in', ['operator', 'admin'])
    .where('active', '=', 1)
    .where('notifications_enabled', '=', 1)
    .where('wecom_user_id', 'is not', null)
    .execute()
  return rows.map((r) => r.wecom_user_id!)
}

/**
 * Deletes up to `limit` deliveries sent (or skipped: nobody to tell) before `before`, with
 * their events, in one transaction; returns how many deliveries went (issue #10: delivered
 * messages are kept JOB_RETENTION_DAYS). Both selections run over an index (state, sent_at) /
 * (state, next_attempt_at).
 */
export async function pruneDeliveredMessages(db: Kysely<Database>, before: Date, limit: number): Promise<number> {
  const cutoff = before.toISOString()
  return db.transaction().execute(async (trx) => {
    const sent = await trx.selectFrom('notification_deliveries').select('id').where('state', '=', 'sent').where('sent_at', '<', cutoff).limit(limit).execute()
    const skipped = await trx.selectFrom('notification_deliveries').select('id').where('state', '=', 'skipped').where('next_attempt_at', '<', cutoff).limit(limit).execute()
    const ids = [...sent, ...skipped].map((r) => r.id)
    if (ids.length === 0) return 0
    await trx.deleteFrom('notification_events').where('delivery_id', 'in', ids).execute()
    await trx.deleteFrom('notification_deliveries').where('id', 'in', ids).execute()
    return ids.length
  })
}
