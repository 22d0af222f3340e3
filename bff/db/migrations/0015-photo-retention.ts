import type { Kysely } from 'kysely'

// Frozen in time. Issue #11: ID-card photos of an offline verification are kept only
// PHOTO_RETENTION_DAYS after the decision. The daily clean-up deletes their bytes and writes
// here when it did, so the record keeps saying that photos existed (explanation, verifier and
// the audit row stay). The index is the clean-up's range: verifications whose photos are still
// there, oldest first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offline_verifications').addColumn('photos_deleted_at', 'varchar(32)').execute()
  await db.schema.createIndex('offline_verifications_photos_kept').on('offline_verifications').columns(['photos_deleted_at', 'verified_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('offline_verifications_photos_kept').execute()
  await db.schema.alterTable('offline_verifications').dropColumn('photos_deleted_at').execute()
}
