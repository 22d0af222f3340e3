import type { Kysely } from 'kysely'

// Frozen in time. Members' phone numbers are no longer kept in clear (docs/DOMAIN.md §6a):
// an encrypted column, and a keyed hash (HMAC-SHA-256, hex) with an index for the 手机号码
// filter. A migration has no DATA_KEY, so sealPersonalData() fills both from the clear column
// at start-up and blanks it; the old `members_mobile` index stays: it finds what is left to seal.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('mobile_enc', 'text').execute()
  await db.schema.alterTable('members').addColumn('mobile_hash', 'varchar(64)').execute()
  await db.schema.createIndex('members_mobile_hash').on('members').column('mobile_hash').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('members_mobile_hash').execute()
  await db.schema.alterTable('members').dropColumn('mobile_hash').execute()
  await db.schema.alterTable('members').dropColumn('mobile_enc').execute()
}
