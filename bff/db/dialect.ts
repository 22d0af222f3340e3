/**
 * Everything that differs between the embedded SQLite and PostgreSQL lives here
 * (docs/ARCHITECTURE.md: "dialect differences live in one file").
 */
import { Kysely, type SelectQueryBuilder, SqliteDialect, SqliteDriver, PostgresDialect, PostgresAdapter, CompiledQuery, type DatabaseConnection, type LogEvent, type SqliteDialectConfig, type SqliteDatabase, type SqliteStatement } from 'kysely'
import SQLite from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Database } from './schema'

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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), log })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

/** How many compiled statements one connection keeps: every query site of the app, with room. */
const STATEMENT_CACHE_SIZE = 1000

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles the SQL each time: under
 * load that was a tenth of the BFF's CPU (issue #12, `npm run bench -- --profile`). A query
 * site always produces the same SQL text (parameters apart), so its compiled statement is
 * kept and reused, least recently used dropped first. Safe because a statement runs to
 * completion inside one synchronous call (`all`/`run`); nothing here iterates lazily.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql)
      } else {
        statement = withRowBuilder(sqlite.prepare(sql))
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      }
      cache.set(sql, statement)
      return statement
    },
  }
}

/**
 * A reading statement answers arrays (better-sqlite3's raw mode) turned into objects by a
 * function made once for its columns: better-sqlite3 builds each row object property by
 * property, which cost twice as much as the query itself on a page of wide rows (a page of
 * members: 220 µs against 115 µs, issue #12). Same objects as before: the columns' names as
 * keys in order, a repeated name keeping the later value. The names come from SQLite's
 * description of our own statements and are written as JSON string literals.
 */
function withRowBuilder(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement
  let width = -1
  let build: (r: unknown[]) => unknown = () => undefined
  // (Re)made when the width changes: SQLite re-prepares a cached statement after a migration,
  // and `select *` then answers the new columns too.
  const builderFor = (row: unknown[]) => {
    if (row.length !== width) {
      const names = statement.columns().map((c) => c.name)
      build = new Function('r', `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}}`) as typeof build
      width = row.length
    }
    return build
  }
  statement.raw(true)
  return {
    reader: true,
    all(parameters) {
      const rows = statement.all(parameters) as unknown[][]
      const out = new Array<unknown>(rows.length)
      for (let i = 0; i < rows.length; i++) out[i] = builderFor(rows[i])(rows[i])
      return out
    },
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const row of statement.iterate(parameters) as IterableIterator<unknown[]>) yield builderFor(row)(row)
    },
  }
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
