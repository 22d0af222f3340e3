/**
 * Something became pending at an organisation: write an outbox event in the same
 * transaction as the change (issue #6), so a notification is never lost nor sent for a
 * change that rolled back.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { NotificationKind } from '../db/schema/notifications'

export async function recordPending(
  trx: Transaction<Database>,
  e: { orgId: number; kind: NotificationKind; objectId: number | null; title: string; at: string },
): Promise<void> {
  await trx
    .insertInto('notification_events')
    .values({ org_id: e.orgId, kind: e.kind, object_id: e.objectId, title: e.title.slice(0, 200), created_at: e.at, delivery_id: null })
    .execute()
}
