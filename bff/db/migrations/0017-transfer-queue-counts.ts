import { sql, type Kysely } from 'kysely'

// Frozen in time. Issue #12: a 团委's home counted its 转接 queue by reading every application
// waiting at its node (12,500 in the bench: 236 home pages a second against 848 for a 团支部).
// How many wait at each node, and how many of those are 待分配, is kept here, changed in the
// same transaction as the application (insertTransferBatch and saveRouteState in
// bff/transfers/repository.ts); here it is counted once from the applications already there.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transfer_queue_counts')
    .addColumn('org_id', 'integer', (c) => c.primaryKey())
    .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allocate', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`insert into transfer_queue_counts (org_id, pending, allocate)
    select current_org_id,
      sum(case when current_role = 'allocate' then 0 else 1 end),
      sum(case when current_role = 'allocate' then 1 else 0 end)
    from transfers where status = 'in_progress' and current_org_id is not null group by current_org_id`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('transfer_queue_counts').execute()
}
