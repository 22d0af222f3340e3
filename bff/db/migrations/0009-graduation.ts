import { sql, type Kysely } from 'kysely'

// Frozen in time (see 0001). The graduation season (docs/DOMAIN.md §5a):
// - transfers.current_role mirrors the pending step's role, so 待审核 and 待分配 of a 团委 are
//   separate index ranges; allocated_org_id records the 团支部 a 团委 placed the graduate in;
// - members.expected_graduation (预计毕业时间, yyyy-MM) selects a graduating class.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transfers').addColumn('current_role', 'varchar(16)').execute()
  await db.schema.alterTable('transfers').addColumn('allocated_org_id', 'integer', (c) => c.references('organizations.id')).execute()
  // "current_role" is a keyword in PostgreSQL: quoted here; Kysely quotes it everywhere else.
  await sql`update transfers set "current_role" = (
    select s.role from transfer_steps s where s.transfer_id = transfers.id and s.seq = transfers.current_seq
  ) where current_seq is not null`.execute(db)
  await db.schema
    .createIndex('transfers_by_role')
    .on('transfers')
    .columns(['current_org_id', 'current_role', 'waiting_since', 'id'])
    .execute()
  await db.schema.alterTable('members').addColumn('expected_graduation', 'varchar(7)').execute()
  await db.schema.createIndex('members_graduation').on('members').columns(['org_id', 'expected_graduation', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('members_graduation').execute()
  await db.schema.alterTable('members').dropColumn('expected_graduation').execute()
  await db.schema.dropIndex('transfers_by_role').execute()
  await db.schema.alterTable('transfers').dropColumn('allocated_org_id').execute()
  await db.schema.alterTable('transfers').dropColumn('current_role').execute()
}
