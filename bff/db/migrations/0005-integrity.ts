import { sql, type Kysely } from 'kysely'
import { isPostgres } from './frozen-helpers'

// Frozen in time. Integrity the application checks are not enough for under concurrency:
// - one open transfer per member, one pending profile review per member (partial unique
//   indexes: the second of two racing requests fails instead of slipping through);
// - on PostgreSQL, byte-order ("C") collation for the columns searched by prefix ranges
//   (materialised paths, names), so a range means the same as on SQLite whatever the
//   database's locale, and the indexes serve it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('transfers_one_open_per_member')
    .on('transfers')
    .column('member_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('in_progress', 'awaiting_member')`)
    .execute()
  await db.schema
    .createIndex('profile_reviews_one_pending_per_member')
    .on('profile_reviews')
    .column('member_id')
    .unique()
    .where(sql.ref('state'), '=', sql.lit('pending'))
    .execute()
  if (isPostgres(db)) {
    await sql`alter table organizations alter column path type varchar(400) collate "C"`.execute(db)
    await sql`alter table organizations alter column name type varchar(200) collate "C"`.execute(db)
    await sql`alter table members alter column name type varchar(100) collate "C"`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('profile_reviews_one_pending_per_member').execute()
  await db.schema.dropIndex('transfers_one_open_per_member').execute()
}
