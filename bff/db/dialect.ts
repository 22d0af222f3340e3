/**
 * Everything that differs between the embedded SQLite and PostgreSQL lives here
 * (docs/ARCHITECTURE.md: "dialect differences live in one file").
 */
import { Kysely, SqliteDialect, PostgresDialect, PostgresAdapter, type CreateTableBuilder, type ColumnDefinitionBuilder } from 'kysely'
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

/** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` (docs/CONTRACT.md `DATABASE_URL`). */
export async function openDatabase(url: string): Promise<DbHandle> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pg = await import('pg')
    const pool = new pg.default.Pool({ connectionString: url, max: 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An auto-increment integer primary key in either dialect. */
export function withIdColumn<T extends string>(db: Kysely<any>, tb: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
    : tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())
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
