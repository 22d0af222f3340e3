import { sql, type Kysely } from 'kysely'
import { isPostgres } from './frozen-helpers'

// Frozen in time. Issue #12: a name search in 转接 待审核 read every namesake of the province
// (members.name) and looked each up in transfers. The member's name is copied onto the
// application (kept by insertTransferRows and updateMember), and (current_org_id, member_name)
// reads only the namesakes waiting at this organisation. On PostgreSQL byte-order collation,
// as for the other prefix-searched columns (0005).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transfers').addColumn('member_name', 'varchar(100)', (c) => c.notNull().defaultTo('')).execute()
  if (isPostgres(db)) await sql`alter table transfers alter column member_name type varchar(100) collate "C"`.execute(db)
  await sql`update transfers set member_name = (select m.name from members m where m.id = transfers.member_id)`.execute(db)
  await db.schema.createIndex('transfers_todo_name').on('transfers').columns(['current_org_id', 'member_name', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transfers_todo_name').execute()
  await db.schema.alterTable('transfers').dropColumn('member_name').execute()
}
