import type { Kysely } from 'kysely'
import { withIdColumn, isPostgres } from './frozen-helpers'

// Frozen in time (see 0001). Offline real-name verification with encrypted photos (issue #5).
export async function up(db: Kysely<any>): Promise<void> {
  await withIdColumn(db, db.schema.createTable('offline_verifications'))
    .addColumn('review_id', 'integer', (c) => c.notNull().unique().references('profile_reviews.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('explanation', 'varchar(1000)', (c) => c.notNull())
    .addColumn('verified_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('verified_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('offline_verifications_member').on('offline_verifications').columns(['member_id', 'id']).execute()
  await withIdColumn(db, db.schema.createTable('offline_photos'))
    .addColumn('verification_id', 'integer', (c) => c.notNull().references('offline_verifications.id'))
    .addColumn('mime', 'varchar(16)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data_enc', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('offline_photos_verification').on('offline_photos').column('verification_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offline_photos').execute()
  await db.schema.dropTable('offline_verifications').execute()
}
