import { describe, expect, it } from 'vitest'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, type Generated } from 'kysely'
import { sqliteStatements } from './sqlite-statements'

interface Db {
  t: { id: Generated<number>; name: string }
}

/** A real SQLite whose compiled texts are seen: what SQLite is asked to plan is what this is about. */
function open() {
  const sqlite = new SQLite(':memory:')
  const compiled: string[] = []
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((text: string) => (compiled.push(text), prepare(text))) as typeof sqlite.prepare
  sqlite.exec(`create table t (id integer primary key, name text); ${Array.from({ length: 30 }, (_, i) => `insert into t (name) values ('n${i + 1}');`).join('')}`)
  return { db: new Kysely<Db>({ dialect: new SqliteDialect({ database: sqliteStatements(sqlite) }) }), compiled }
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id)
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)

// SQLite plans `LIMIT ?` with its bound value and so parses the statement again on every run
// (issue #12): a page's bounds go into the text instead. The answers must not change.
describe('SQLite page bounds', () => {
  it('are written into the text SQLite compiles, once a page size, and the rows are the same', async () => {
    const { db, compiled } = open()
    const page = (limit: number, offset?: number) => {
      const q = db.selectFrom('t').select(['id', 'name']).where('id', '>', 3).orderBy('id').limit(limit)
      return (offset === undefined ? q : q.offset(offset)).execute()
    }
    expect(ids(await page(2))).toEqual([4, 5])
    expect(ids(await page(2))).toEqual([4, 5])
    expect(ids(await page(5, 10))).toEqual(range(14, 5))
    expect(compiled.filter((t) => t.endsWith('limit 2'))).toHaveLength(1)
    expect(compiled.filter((t) => t.endsWith('limit 5 offset 10'))).toHaveLength(1)
    // The other parameters still bind: the row above 3 is the answer's first.
    expect(compiled.find((t) => t.endsWith('limit 2'))).toContain('"id" > ?')
  })

  it('keeps eight page sizes a statement, the least recently used dropped first, with the same answers', async () => {
    const { db, compiled } = open()
    const page = async (limit: number) => ids(await db.selectFrom('t').select('id').orderBy('id').limit(limit).execute())
    for (let limit = 1; limit <= 12; limit++) expect(await page(limit)).toEqual(range(1, limit))
    expect(compiled.filter((t) => / limit \d+$/.test(t))).toHaveLength(12)
    // 5 to 12 are kept; 5 used again stays, 1 comes back compiled anew.
    expect(await page(5)).toEqual(range(1, 5))
    expect(await page(1)).toEqual([1])
    expect(compiled.filter((t) => t.endsWith(' limit 5'))).toHaveLength(1)
    expect(compiled.filter((t) => t.endsWith(' limit 1'))).toHaveLength(2)
  })

  it('leaves alone what is not a page size: a negative limit (no limit in SQLite), a bound inside a subquery', async () => {
    const { db, compiled } = open()
    expect(await db.selectFrom('t').select('id').limit(-1).execute()).toHaveLength(30)
    const inner = db.selectFrom('t').select('id').orderBy('id', 'desc').limit(3)
    expect(ids(await db.selectFrom(inner.as('x')).select('x.id').orderBy('x.id').execute())).toEqual([28, 29, 30])
    expect(compiled.filter((t) => / limit \d/.test(t))).toEqual([])
  })

  it('a streamed read runs the statement as written, bounds bound', async () => {
    const { db, compiled } = open()
    const streamed: number[] = []
    for await (const r of db.selectFrom('t').select('id').orderBy('id').limit(3).stream()) streamed.push(r.id)
    expect(streamed).toEqual([1, 2, 3])
    expect(compiled.filter((t) => / limit \d/.test(t))).toEqual([])
  })
})
