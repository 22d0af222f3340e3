import type { Kysely } from 'kysely'

// Frozen in time (see 0001). Production safety (issue #10):
// - app_meta: facts about the database itself, such as `mode = demo` written with the demo
//   data, so `npm start` runs the demo only on a database created as one;
// - jobs.failed_at: a job that used up its attempts is dead-lettered, kept for an admin to
//   read and retry, never claimed again;
// - an index to prune delivered notifications after the retention period.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(200)', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('jobs').addColumn('failed_at', 'varchar(32)').execute()
  await db.schema.createIndex('jobs_failed').on('jobs').columns(['failed_at', 'id']).execute()
  await db.schema.createIndex('notification_deliveries_sent').on('notification_deliveries').columns(['state', 'sent_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_deliveries_sent').execute()
  await db.schema.dropIndex('jobs_failed').execute()
  await db.schema.alterTable('jobs').dropColumn('failed_at').execute()
  await db.schema.dropTable('app_meta').execute()
}
