import { describe, expect, it } from 'vitest'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { fixedState, openDatabase, refreshPlannerStatistics } from './dialect'

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

describe('planner statistics after a bulk load', () => {
  it('on SQLite fill sqlite_stat1 and leave no sqlite_stat4 samples, even where a full ANALYZE had made some', async () => {
    const h = await openDatabase('sqlite::memory:')
    try {
      await sql`create table t (a integer, b text)`.execute(h.db)
      await sql`create index t_a on t (a)`.execute(h.db)
      await sql`with recursive s(v) as (select 1 union all select v + 1 from s where v < 2000) insert into t (a, b) select v % 50, 'x' from s`.execute(h.db)
      await sql`analyze`.execute(h.db)
      const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0].n)
      expect(await count('sqlite_stat4')).toBeGreaterThan(0)
      await refreshPlannerStatistics(h.db)
      expect(await count('sqlite_stat1')).toBeGreaterThan(0)
      expect(await count('sqlite_stat4')).toBe(0)
      // The limit is the connection's setting only while ANALYZE runs.
      expect((await sql<{ analysis_limit: number }>`pragma analysis_limit`.execute(h.db)).rows[0].analysis_limit).toBe(0)
    } finally {
      await h.close()
    }
  })
})

describe('fixedState', () => {
  it('writes the state into the SQL as a quoted literal, with no parameter for it', () => {
    const db = new Kysely<{ r: { state: string } }>({ dialect: new SqliteDialect({ database: async () => { throw new Error('not run') } }) })
    const q = db.selectFrom('r').select('state').where('state', '=', fixedState("it's")).compile()
    expect(q.sql).toBe(`select "state" from "r" where "state" = 'it''s'`)
    expect(q.parameters).toEqual([])
  })
})
