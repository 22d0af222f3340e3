import type { Kysely } from 'kysely'

// Frozen in time. Issue #12, found by `npm run bench`'s EXPLAIN on a 200,000-member slice:
// - the home page's 转接 counts of a 团委 with a deep queue scanned every transfer; this
//   index holds everything countTodo reads, so the count is one range of the index alone;
// - a name search inside one 团支部 (我的团员, 资料审核) walked every namesake of the province.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('transfers_todo_counts').on('transfers').columns(['current_org_id', 'status', 'current_role', 'waiting_since']).execute()
  await db.schema.createIndex('members_org_name').on('members').columns(['org_id', 'name', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('members_org_name').execute()
  await db.schema.dropIndex('transfers_todo_counts').execute()
}
