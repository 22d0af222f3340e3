import { sql, type Kysely } from 'kysely'

// Frozen in time. Issue #11:
// - root-admin rights come from an explicit flag on the account, not from the depth of its
//   organisation's path. The admins of organisations without a parent had those rights
//   before; they keep them (the one backfill), everyone else starts without;
// - failed PC logins are counted per login name *and* source (docs/DOMAIN.md §1): a row per
//   pair, the name as a keyed hash (it may be a phone number), a growing delay instead of
//   the account-wide lock an attacker could trigger from anywhere. The old lock columns
//   (accounts.failed_logins, locked_until) stay, unused: migrations only add, so processes of
//   the previous version keep working during a rolling upgrade (README 部署).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('root_admin', 'smallint', (c) => c.notNull().defaultTo(0)).execute()
  await sql`UPDATE accounts SET root_admin = 1 WHERE kind = 'admin' AND org_id IN (SELECT id FROM organizations WHERE parent_id IS NULL AND code <> 'external')`.execute(db)
  await db.schema
    .createTable('login_failures')
    .addColumn('name_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('source', 'varchar(64)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('delayed_until', 'varchar(32)')
    .addColumn('last_failed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_pk', ['name_hash', 'source'])
    .execute()
  await db.schema.createIndex('login_failures_last').on('login_failures').column('last_failed_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').execute()
  await db.schema.alterTable('accounts').dropColumn('root_admin').execute()
}
