import { sql, type Kysely } from 'kysely'

// Frozen in time. The birth date is no longer kept in clear (docs/DOMAIN.md §6a): beside the
// masked ID it gave away eight of the ten hidden digits. A resident ID number carries the
// date, so those rows simply forget it (it is read from the encrypted number when needed);
// foreign IDs get an encrypted column, filled from the clear one by sealPersonalData() at
// start-up (a migration has no DATA_KEY).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('birth_date_enc', 'text').execute()
  await sql`update members set birth_date = '' where id_card_type = 'resident'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('birth_date_enc').execute()
}
