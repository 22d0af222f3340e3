/**
 * The embedded SQLite as Kysely sees it (bff/db/dialect.ts): better-sqlite3's statements, kept
 * once compiled, read as arrays and built into rows, with a page's bounds written into the SQL
 * (issue #12, each measured with `npm run bench -- --profile`).
 */
import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** How many compiled statements one connection keeps: every query site of the app, with room. */
const STATEMENT_CACHE_SIZE = 1000

export function sqliteStatements(sqlite: SQLite.Database): SqliteDatabase {
  return withStatementCache(sqlite, (sql) => withInlineBounds(sql, (text) => withRowBuilder(sqlite.prepare(text))))
}

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles the SQL each time: under
 * load that was a tenth of the BFF's CPU. A query site always produces the same SQL text
 * (parameters apart), so its compiled statement is kept and reused, least recently used
 * dropped first. Safe because a statement runs to completion inside one synchronous call
 * (`all`/`run`); nothing here iterates lazily.
 */
function withStatementCache(sqlite: SQLite.Database, prepare: (sql: string) => SqliteStatement): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql)
      } else {
        statement = prepare(sql)
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      }
      cache.set(sql, statement)
      return statement
    },
  }
}

// Kysely writes a query's page bounds last: `… limit ?` or `… limit ? offset ?`. Text that ends
// so ends with those placeholders, outside any string literal, so they are the last parameters.
const TRAILING_BOUNDS = / limit \?( offset \?)?$/
/** Bounds written into the SQL: a page's sizes, not whatever a caller might pass. */
const MAX_INLINE_BOUND = 100_000
/** Texts kept a statement: the few page sizes in use, least recently used dropped first. */
const MAX_VARIANTS = 8

/**
 * SQLite (3.53 here) plans `LIMIT ?` with the value bound to it, so binding it marks the
 * statement expired and every run parses and plans the query again: a third of a 待审核
 * page's query time went to that (sqlite3Reprepare under sqlite3_step in `perf`). A page's
 * bounds are small integers, so a reading statement whose text ends in them gets a text of its
 * own for each page size (`… limit 21`), compiled once, and is run with the other parameters.
 * Eight page sizes a statement are kept (a client choosing odd sizes cannot push the app's own
 * out for good); a bound that is not a small whole number runs the statement as written, so
 * the answer never depends on this.
 */
function withInlineBounds(sql: string, prepare: (text: string) => SqliteStatement): SqliteStatement {
  const statement = prepare(sql)
  const trailing = statement.reader ? TRAILING_BOUNDS.exec(sql) : null
  if (!trailing) return statement
  const bounds = trailing[1] ? 2 : 1
  const head = sql.slice(0, trailing.index)
  const variants = new Map<string, SqliteStatement>()
  const variantFor = (parameters: readonly unknown[]): SqliteStatement | null => {
    const values = parameters.slice(parameters.length - bounds)
    if (!values.every((v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_INLINE_BOUND)) return null
    const key = values.join(' ')
    let variant = variants.get(key)
    if (variant) {
      variants.delete(key)
    } else {
      variant = prepare(`${head} limit ${values[0]}${bounds === 2 ? ` offset ${values[1]}` : ''}`)
      if (variants.size >= MAX_VARIANTS) variants.delete(variants.keys().next().value!)
    }
    variants.set(key, variant)
    return variant
  }
  return {
    reader: true,
    all(parameters) {
      const variant = variantFor(parameters)
      return variant ? variant.all(parameters.slice(0, parameters.length - bounds)) : statement.all(parameters)
    },
    run: (parameters) => statement.run(parameters),
    iterate: (parameters) => statement.iterate(parameters),
  }
}

/**
 * A reading statement answers arrays (better-sqlite3's raw mode) turned into objects by a
 * function made once for its columns: better-sqlite3 builds each row object property by
 * property, which cost twice as much as the query itself on a page of wide rows (a page of
 * members: 220 µs against 115 µs). Same objects as before: the columns' names as keys in
 * order, a repeated name keeping the later value. The names come from SQLite's description of
 * our own statements and are written as JSON string literals.
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
