import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import * as m0001 from './0001-initial'
import * as m0002 from './0002-background-work'
import * as m0003 from './0003-offline-verification'
import * as m0004 from './0004-org-name-index'
import * as m0005 from './0005-integrity'

/** Migrations are registered here in code, in order (no folder scanning: it fights bundlers and Vitest). */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-background-work': m0002,
  '0003-offline-verification': m0003,
  '0004-org-name-index': m0004,
  '0005-integrity': m0005,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the database to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, opts: { schema?: string } = {}): Promise<void> {
  // On PostgreSQL the migrator's own tables live in the given schema, so several schemas
  // of one database (tests, tenants) migrate independently.
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema: opts.schema }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}: ${String((error as Error)?.message ?? error)}`)
  }
}
