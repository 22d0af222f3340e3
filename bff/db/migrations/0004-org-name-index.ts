import type { Kysely } from 'kysely'

// Frozen in time. Organisation pickers search by the beginning of the name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('organizations_name').on('organizations').column('name').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organizations_name').execute()
}
