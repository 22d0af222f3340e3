import type { Kysely } from 'kysely'

// Frozen in time. Operators' phone numbers (the PC login name) are no longer kept in clear
// either (docs/DOMAIN.md §6a, issue #11): an encrypted column, and a keyed hash (HMAC-SHA-256,
// hex) that the login finds the account by. Its UNIQUE index takes over from the clear
// column's: sealPersonalData() fills both at start-up (a migration has no DATA_KEY) and sets the
// clear one to null, which a UNIQUE column holds any number of times in SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('mobile_enc', 'text').execute()
  await db.schema.alterTable('accounts').addColumn('mobile_hash', 'varchar(64)').execute()
  await db.schema.createIndex('accounts_mobile_hash').on('accounts').column('mobile_hash').unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accounts_mobile_hash').execute()
  await db.schema.alterTable('accounts').dropColumn('mobile_hash').execute()
  await db.schema.alterTable('accounts').dropColumn('mobile_enc').execute()
}
