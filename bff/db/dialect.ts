/**
 * Everything that differs between the embedded SQLite and PostgreSQL lives here
 * (docs/ARCHITECTURE.md: "dialect differences live in one file").
 */
import { Kysely, sql, type RawBuilder, type SelectQueryBuilder, SqliteDialect, SqliteDriver, PostgresDialect, PostgresAdapter, CompiledQuery, type DatabaseConnection, type LogEvent, type SqliteDialectConfig } from 'kysely'
import SQLite from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Database } from './schema'
import { sqliteStatements } from './sqlite-statements'

export type DialectName = 'sqlite' | 'postgres'

export interface DbHandle {
  db: Kysely<Database>
  dialect: DialectName
  close(): Promise<void>
}

export interface OpenOptions {
  /** Sees every statement run (the bench's EXPLAIN of what a request asks). */
  onQuery?: (query: CompiledQuery) => void
}

/** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` (docs/CONTRACT.md `DATABASE_URL`). */
export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<DbHandle> {
  const onQuery = opts.onQuery
  const log = onQuery
    ? (e: LogEvent) => {
        if (e.level === 'query') onQuery(e.query)
      }
    : undefined
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pg = await import('pg')
    const pool = new pg.default.Pool({ connectionString: url, max: 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL 格式不支持：应为 sqlite:路径 或 postgres://…`)
  const path = url.slice('sqlite:'.length)
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new SQLite(path)
  // WAL lets readers run beside the single writer; the busy timeout makes a second process
  // wait for the write lock instead of failing; foreign keys are off by default in SQLite.
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqliteStatements(sqlite) }), log })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken (or waited for,
 * busy_timeout) at the start. A deferred BEGIN that reads first and writes later fails with
 * SQLITE_BUSY_SNAPSHOT when another process wrote in between — waiting cannot help it.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: SqliteDialectConfig) {
    super(sqliteConfig)
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.sqliteConfig)
  }
}

/**
 * The database is momentarily too busy to answer (SQLite's write lock held past the busy
 * timeout, a PostgreSQL lock timeout): the client should retry, it is not a fault (503).
 */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? ''
  return code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED' || code === '55P03' || code === '40001' || code === '40P01'
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** A unique-constraint violation, as SQLite and PostgreSQL report it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string }
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505'
}

/**
 * Fresh statistics for the query planner after a bulk load (bff/import/run.ts). SQLite: ANALYZE
 * under an analysis limit, as PRAGMA optimize runs it — about a tenth of a second on the bench's
 * 200,000 members and bounded on a bigger province — which fills sqlite_stat1 and leaves
 * sqlite_stat4 empty: with stat4's samples SQLite parses and plans a statement again on every
 * run whose bound value meets a sampled index — every list query, ~15 µs each (issue #12).
 * PostgreSQL: ANALYZE of the imported tables.
 */
export async function refreshPlannerStatistics(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // The tables an import fills, in this schema only (the database may hold others).
    await sql`analyze organizations, accounts, members, profile_reviews, transfers, transfer_steps, transfer_queue_counts`.execute(db)
    return
  }
  await sql`pragma analysis_limit = 1000`.execute(db)
  try {
    await sql`analyze`.execute(db)
  } finally {
    await sql`pragma analysis_limit = 0`.execute(db)
  }
}

/**
 * A state of the app's own written into the SQL instead of bound: `state = 'pending'`. SQLite
 * weighs a bound value against a partial index's WHERE (profile_reviews_one_pending_per_member:
 * `state = 'pending'`), so a statement binding `state` was parsed and planned again on every
 * run — 16 µs of a 60 µs 资料审核 待审核 query (issue #12). For the app's constants only, never
 * a caller's value (Kysely writes it as a quoted, escaped literal either way).
 */
export const fixedState = <T extends string>(state: T): RawBuilder<T> => sql.lit(state)

/**
 * Upper bound of a prefix range over an index: `prefix` + the highest code point, which
 * sorts after every string starting with `prefix` in byte (UTF-8) order — SQLite's order and
 * PostgreSQL's "C" collation of the searched columns (migration 0005). '\uffff' would not do:
 * supplementary-plane characters (生僻字 such as 𠮷) sort above it.
 */
export function prefixUpperBound(prefix: string): string {
  return prefix + String.fromCodePoint(0x10ffff)
}

/**
 * A claim's "which rows": on PostgreSQL `FOR UPDATE SKIP LOCKED`, so concurrent claimers
 * take disjoint rows without waiting; SQLite has no row locks (one writer at a time), and the
 * claim is a single atomic statement there.
 */
export function skipLockedOnPostgres<DB, TB extends keyof DB, O>(db: Kysely<any>, qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? qb.forUpdate().skipLocked() : qb
}
