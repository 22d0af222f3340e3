import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openDatabase } from './dialect'

// SQLite's rows are read as arrays and built into objects once per statement (withRowBuilder).
describe('SQLite rows', () => {
  it('are the same objects better-sqlite3 makes: names in order, a repeated name keeps the later value, nulls and numbers as stored', async () => {
    const h = await openDatabase('sqlite::memory:')
    try {
      const { rows } = await sql<Record<string, unknown>>`select 1 as a, null as b, 'x' as a, 2.5 as "c d"`.execute(h.db)
      expect(rows).toEqual([{ a: 'x', b: null, 'c d': 2.5 }])
      expect(Object.keys(rows[0])).toEqual(['a', 'b', 'c d'])
    } finally {
      await h.close()
    }
  })

  it('follow a column added after the statement was first run (a migration in the same process)', async () => {
    const h = await openDatabase('sqlite::memory:')
    try {
      await sql`create table t (a integer)`.execute(h.db)
      await sql`insert into t (a) values (1)`.execute(h.db)
      const read = () => h.db.selectFrom('t' as never).selectAll().execute()
      expect(await read()).toEqual([{ a: 1 }])
      await sql`alter table t add column b text default 'new'`.execute(h.db)
      expect(await read()).toEqual([{ a: 1, b: 'new' }])
      // Streaming reads build the same objects.
      const streamed: unknown[] = []
      for await (const row of h.db.selectFrom('t' as never).selectAll().stream()) streamed.push(row)
      expect(streamed).toEqual([{ a: 1, b: 'new' }])
    } finally {
      await h.close()
    }
  })
})
