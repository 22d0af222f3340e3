import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { isPostgres } from '../dialect'
import * as m0001 from './0001-initial'
import * as m0002 from './0002-background-work'
import * as m0003 from './0003-offline-verification'
import * as m0004 from './0004-org-name-index'
import * as m0005 from './0005-integrity'
import * as m0006 from './0006-production'
import * as m0007 from './0007-backlog-and-reasons'
import * as m0008 from './0008-birth-date-sealed'
import * as m0009 from './0009-graduation'
import * as m0010 from './0010-load-indexes'
import * as m0011 from './0011-mobile-sealed'
import * as m0012 from './0012-account-mobile-sealed'
import * as m0013 from './0013-root-role-and-login-throttle'
import * as m0014 from './0014-transfer-member-name'
import * as m0015 from './0015-photo-retention'
import * as m0016 from './0016-transfer-parent-nodes'
import * as m0017 from './0017-transfer-queue-counts'
import * as m0018 from './0018-queue-stamps'

/** Migrations are registered here in code, in order (no folder scanning: it fights bundlers and Vitest). */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-background-work': m0002,
  '0003-offline-verification': m0003,
  '0004-org-name-index': m0004,
  '0005-integrity': m0005,
  '0006-production': m0006,
  '0007-backlog-and-reasons': m0007,
  '0008-birth-date-sealed': m0008,
  '0009-graduation': m0009,
  '0010-load-indexes': m0010,
  '0011-mobile-sealed': m0011,
  '0012-account-mobile-sealed': m0012,
  '0013-root-role-and-login-throttle': m0013,
  '0014-transfer-member-name': m0014,
  '0015-photo-retention': m0015,
  '0016-transfer-parent-nodes': m0016,
  '0017-transfer-queue-counts': m0017,
  '0018-queue-stamps': m0018,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/**
 * Brings the database to the latest schema, once, however many processes start together;
 * throws with the failing migration's name.
 * - PostgreSQL: the whole run (including creating the migrator's own tables) holds a
 *   session advisory lock on one connection; the others wait, then find nothing to do.
 * - SQLite: the migrator's transaction begins IMMEDIATE (bff/db/dialect.ts), so a second
 *   process waits for the write lock; the wait is raised to a minute here, as an index over
 *   millions of rows takes longer than a request's busy timeout.
 */
export async function migrateToLatest(db: Kysely<any>, opts: { schema?: string } = {}): Promise<void> {
  if (isPostgres(db)) {
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(hashtext('tuanwu.migrations'))`.execute(conn)
      try {
        // The migrator's tables are looked up in one named schema: unnamed, Kysely finds them in
        // any schema of the database (another tenant's, another test's) and then misses its own.
        const schema = opts.schema ?? (await sql<{ s: string }>`select current_schema() as s`.execute(conn)).rows[0].s
        await runMigrator(conn, schema)
      } finally {
        await sql`select pg_advisory_unlock(hashtext('tuanwu.migrations'))`.execute(conn)
      }
    })
    return
  }
  await db.connection().execute(async (conn) => {
    const [{ timeout }] = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn)).rows
    await sql`pragma busy_timeout = 60000`.execute(conn)
    try {
      await runMigrator(conn, opts.schema)
    } finally {
      await sql.raw(`pragma busy_timeout = ${Number(timeout)}`).execute(conn)
    }
  })
}

async function runMigrator(db: Kysely<any>, schema: string | undefined): Promise<void> {
  // On PostgreSQL the migrator's own tables live in the given schema, so several schemas
  // of one database (tests, tenants) migrate independently.
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema: schema }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}: ${String((error as Error)?.message ?? error)}`)
  }
}

/**
 * Names of the migrations this code knows but the database has not run (for /readyz).
 * Reads Kysely's own table through the connection's search path, so it works in a test
 * schema too; a missing table throws, which the caller reports as not ready.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
  const done = new Set(rows.map((r) => r.name))
  return Object.keys(MIGRATIONS).filter((name) => !done.has(name))
}
