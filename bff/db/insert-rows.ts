/**
 * One multi-row INSERT written out directly, for the bulk writes (the import, a batch of
 * 转接 applications). Kysely builds (and freezes) an operation node for every value: for
 * 200,000 members that was a quarter of the import's CPU and most of its garbage, and for
 * applications, whose name column is a sub-select, 400 µs each (issue #12, `npm run bench`).
 * Every full batch has the same text, made once, so SQLite also reuses the compiled
 * statement (dialect.ts). The caller keeps a batch under the bound-variable limit
 * (bff/import/chunks.ts).
 */
import { CompiledQuery, type Transaction } from 'kysely'
import type { Database } from './schema'
import { isPostgres } from './dialect'

export interface InsertRowsOptions {
  returning?: string[]
  /**
   * Columns whose value is SQL around the row's value, e.g. a sub-select keyed by it:
   * `{ member_name: (p) => \`(select "name" from "members" where "id" = ${p})\` }` with the row's
   * `member_name` holding the member's id.
   */
  wrap?: Record<string, (placeholder: string) => string>
}

/**
 * Rows of a batch have the same columns (the callers build them with one function); a batch
 * that does not, and has nothing to wrap, falls back to Kysely.
 */
export async function insertRows(trx: Transaction<Database>, table: keyof Database, batch: object[], opts: InsertRowsOptions = {}): Promise<Record<string, unknown>[]> {
  const returning = opts.returning ?? []
  const columns = Object.keys(batch[0])
  if (!batch.every((r) => hasColumns(r, columns))) {
    if (opts.wrap) throw new Error(`insertRows(${table}): the rows of a batch differ in their columns`)
    const q = trx.insertInto(table).values(batch as never[])
    return returning.length ? q.returning(returning as never[]).execute() : q.execute().then(() => [])
  }
  const params = new Array<unknown>(batch.length * columns.length)
  let at = 0
  for (const row of batch) for (const c of columns) params[at++] = (row as Record<string, unknown>)[c] ?? null
  const text = insertText(isPostgres(trx), table, columns, batch.length, returning, opts.wrap)
  return (await trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params))).rows
}

/** Whether the row has exactly these columns (counted without an array of its keys per row). */
function hasColumns(row: object, columns: string[]): boolean {
  let n = 0
  for (const key in row) if (Object.hasOwn(row, key)) n++
  return n === columns.length && columns.every((c) => c in row)
}

/** The text of a multi-row INSERT, made once per shape: full batches all have the same one. */
const insertTexts = new Map<string, string>()
function insertText(pg: boolean, table: string, columns: string[], rows: number, returning: string[], wrap: InsertRowsOptions['wrap'] = {}): string {
  const key = `${pg}|${table}|${columns.join()}|${rows}|${returning.join()}|${Object.keys(wrap).join()}`
  let text = insertTexts.get(key)
  if (text === undefined) {
    const quote = (name: string) => `"${name}"`
    const tuples: string[] = []
    let n = 0
    const mark = (c: string) => {
      const p = pg ? `$${++n}` : '?'
      return wrap[c] ? wrap[c](p) : p
    }
    for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(mark).join(', ')})`)
    text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}${returning.length ? ` returning ${returning.map(quote).join(', ')}` : ''}`
    insertTexts.set(key, text)
  }
  return text
}
