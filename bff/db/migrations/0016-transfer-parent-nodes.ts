import { sql, type Kysely } from 'kysely'

// Frozen in time. Issue #12: every 转接 list row names its 转出上级 and 转入上级 nodes, which
// were two look-ups in transfer_steps per row (a correlated sub-select each) — the reason the
// 转接 待审核 page cost half again what a 资料审核 page does. A route's steps never change their
// organisation once planned (docs/DOMAIN.md §5), so the two are copied onto the application
// when it is written (insertTransferRows) and read with the row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transfers').addColumn('out_parent_org_id', 'integer').execute()
  await db.schema.alterTable('transfers').addColumn('in_parent_org_id', 'integer').execute()
  await copyParentNodes(db)
}

/** Fills both copies of every application from its steps (exported for its test). */
export async function copyParentNodes(db: Kysely<any>): Promise<void> {
  for (const [column, role] of [['out_parent_org_id', 'out_parent'], ['in_parent_org_id', 'in_parent']] as const) {
    await sql`update transfers set ${sql.ref(column)} = (
      select s.org_id from transfer_steps s where s.transfer_id = transfers.id and s.role = ${role} order by s.seq limit 1
    )`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transfers').dropColumn('in_parent_org_id').execute()
  await db.schema.alterTable('transfers').dropColumn('out_parent_org_id').execute()
}
