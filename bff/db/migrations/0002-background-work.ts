import type { Kysely } from 'kysely'
import { withIdColumn } from './frozen-helpers'

// Frozen in time (see 0001). Jobs with leases, and the notification outbox (issue #6).
export async function up(db: Kysely<any>): Promise<void> {
  await withIdColumn(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(128)', (c) => c.unique())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'varchar(64)')
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('done_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('jobs_due').on('jobs').columns(['done_at', 'run_at']).execute()

  await withIdColumn(db, db.schema.createTable('notification_deliveries'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('touser', 'varchar(4000)', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('invalid_users', 'varchar(4000)')
    .addColumn('msgid', 'varchar(128)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute()
  await db.schema.createIndex('notification_deliveries_due').on('notification_deliveries').columns(['state', 'next_attempt_at']).execute()
  await db.schema.createIndex('notification_deliveries_org').on('notification_deliveries').columns(['org_id', 'created_at']).execute()

  await withIdColumn(db, db.schema.createTable('notification_events'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('object_id', 'integer')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('delivery_id', 'integer', (c) => c.references('notification_deliveries.id'))
    .execute()
  await db.schema.createIndex('notification_events_unsent').on('notification_events').columns(['delivery_id', 'org_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notification_events', 'notification_deliveries', 'jobs']) await db.schema.dropTable(t).execute()
}
