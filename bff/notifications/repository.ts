/**
 * The notification outbox's SQL (issue #6): events written with a change, deliveries grouped
 * from them, who receives an organisation's messages, the delivery bookkeeping and pruning.
 */
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { Database } from '../db/schema'
import type { NotificationDeliveriesTable, NotificationKind } from '../db/schema/notifications'
import { rowsChanged } from '../db/guarded'

type Db = Kysely<Database> | Transaction<Database>

export type DeliveryRow = Selectable<NotificationDeliveriesTable>

/**
 * Something became pending at an organisation: write an outbox event in the same
 * transaction as the change, so a notification is never lost nor sent for a change that
 * rolled back.
 */
export async function recordPending(
  trx: Transaction<Database>,
  e: { orgId: number; kind: NotificationKind; objectId: number | null; title: string; at: string },
): Promise<void> {
  await trx
    .insertInto('notification_events')
    .values({ org_id: e.orgId, kind: e.kind, object_id: e.objectId, title: e.title.slice(0, 200), created_at: e.at, delivery_id: null })
    .execute()
}

/** Organisations with events not yet in a delivery, each with its newest such event. */
export async function orgsWithUngroupedEvents(db: Db, limit: number): Promise<{ orgId: number; maxId: number }[]> {
  const rows = await db
    .selectFrom('notification_events')
    .select(['org_id'])
    .select((eb) => eb.fn.max('id').as('max_id'))
    .where('delivery_id', 'is', null)
    .groupBy('org_id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ orgId: r.org_id, maxId: Number(r.max_id) }))
}

/** Whether the organisation got a delivery (sent or to send) after `since`. */
export async function hasDeliverySince(db: Db, orgId: number, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('notification_deliveries')
    .select('id')
    .where('org_id', '=', orgId)
    .where('created_at', '>', since.toISOString())
    .where('state', '!=', 'skipped')
    .executeTakeFirst()
  return row !== undefined
}

/** The organisation's events not yet in a delivery, up to `maxId`, oldest first. */
export async function ungroupedEvents(db: Db, orgId: number, maxId: number) {
  return db
    .selectFrom('notification_events')
    .select(['id', 'kind', 'title'])
    .where('org_id', '=', orgId)
    .where('delivery_id', 'is', null)
    .where('id', '<=', maxId)
    .orderBy('id')
    .execute()
}

export async function insertDelivery(
  db: Db,
  d: Pick<DeliveryRow, 'org_id' | 'touser' | 'payload_json' | 'state' | 'next_attempt_at' | 'created_at'>,
): Promise<number> {
  const { id } = await db.insertInto('notification_deliveries').values(d).returning('id').executeTakeFirstOrThrow()
  return id
}

/** Puts these events into the delivery; returns how many were still ungrouped (another process may have taken some). */
export async function attachEvents(db: Db, orgId: number, deliveryId: number, eventIds: number[]): Promise<number> {
  const res = await db
    .updateTable('notification_events')
    .set({ delivery_id: deliveryId })
    .where('org_id', '=', orgId)
    .where('delivery_id', 'is', null)
    .where('id', 'in', eventIds)
    .executeTakeFirst()
  return rowsChanged(res)
}

export async function countPendingDeliveries(db: Db): Promise<number> {
  const row = await db
    .selectFrom('notification_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The newest error of a delivery not sent (still retrying, or failed), if any. */
export async function lastUnsentDeliveryError(db: Db) {
  return db
    .selectFrom('notification_deliveries')
    .select(['last_error', 'next_attempt_at', 'state'])
    .where('last_error', 'is not', null)
    .where('state', '!=', 'sent')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Pending deliveries whose time has come, the longest waiting first. */
export async function dueDeliveries(db: Db, now: Date, limit: number): Promise<DeliveryRow[]> {
  return db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
}

/**
 * Claims a delivery for one attempt by moving its next attempt to `leaseUntil`; guarded by
 * the attempts read, so of two processes only one wins.
 */
export async function claimDelivery(db: Db, d: Pick<DeliveryRow, 'id' | 'attempts'>, leaseUntil: Date): Promise<boolean> {
  const res = await db
    .updateTable('notification_deliveries')
    .set({ next_attempt_at: leaseUntil.toISOString(), attempts: d.attempts + 1 })
    .where('id', '=', d.id)
    .where('state', '=', 'pending')
    .where('attempts', '=', d.attempts)
    .executeTakeFirst()
  return rowsChanged(res) === 1
}

/** Records the outcome of a claimed attempt (sent, or failed with its next try). */
export async function updateDelivery(db: Db, id: number, set: Updateable<NotificationDeliveriesTable>): Promise<void> {
  await db.updateTable('notification_deliveries').set(set).where('id', '=', id).execute()
}

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
