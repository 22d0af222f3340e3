/**
 * EXPLAIN of what each list request asks the database (issue #12: "a filter or a search term
 * does not fall off an index"). The app is built in this process over a connection that
 * records every statement; each list URL is asked once through `inject`, and every SELECT it
 * ran is explained with its own parameters. A full scan of a big table (BIG_ROWS rows or more
 * in this run) is flagged loudly:
 * on PostgreSQL any `Seq Scan` of one; on SQLite a `SCAN` without an index unless it is the
 * outer loop of a query with a LIMIT and no sort (a rowid scan newest first that the LIMIT
 * stops early is what the newest-first lists are meant to do). A sort of every matching row
 * (a temp B-tree for ORDER BY under a LIMIT) is a warning: it costs as much as the matches.
 */
import { CompiledQuery } from 'kysely'
import { openDatabase } from '../../bff/db/dialect'
import { buildApp } from '../../bff/app'
import type { AppContext } from '../../bff/context'

/** Tables that grow with the province; one is "big" in this run from BIG_ROWS rows on (a planner rightly scans a small one). */
const BIG_ROWS = 5_000
const GROWING_TABLES = ['members', 'profile_reviews', 'transfers', 'transfer_steps', 'audit_log', 'organizations', 'jobs', 'notification_events', 'notification_deliveries', 'sessions']

export interface ExplainCase {
  name: string
  path: string
  headers: Record<string, string>
}

export interface ExplainResult {
  case: string
  /** One line per statement: what it reads and how. */
  plans: string[]
  /** Full scans of big tables, empty when every read uses an index. */
  problems: string[]
  /** Paged queries that sort every matching row before taking a page. */
  warnings: string[]
}

/** The SQLite plan of one statement as one line, and its full scans of big tables. */
type Plan = { line: string; problems: string[]; sortsAll: boolean }

/** Table names of the query's FROM and JOINs by alias (`members as m` → m: members). */
function tablesByAlias(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of text.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+as\s+"?(\w+)"?)?/gi)) out.set(m[2] ?? m[1], m[1])
  return out
}

function sqlitePlan(rows: { detail: string }[], text: string, big: string[]): Plan {
  const aliases = tablesByAlias(text)
  const loops = rows.filter((r) => /^(SCAN|SEARCH) /.test(r.detail))
  const sortsAll = /\blimit\b/i.test(text) && rows.some((r) => /USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(r.detail))
  const stopsEarly = /\blimit\b/i.test(text) && !sortsAll
  const problems: string[] = []
  loops.forEach((r, i) => {
    const m = /^SCAN (\w+)$/.exec(r.detail)
    const table = m && (aliases.get(m[1]) ?? m[1])
    if (table && big.includes(table) && !(i === 0 && stopsEarly)) problems.push(`${r.detail} = every row of ${table}`)
  })
  return { line: rows.map((r) => r.detail).join(' | '), problems, sortsAll }
}

function postgresPlan(rows: { 'QUERY PLAN': string }[], text: string, big: string[]): Plan {
  const lines = rows.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan|Sort|Join|Loop|Limit|Aggregate/.test(l))
  const problems = lines.filter((l) => big.some((t) => new RegExp(`Seq Scan on ${t}\\b`).test(l)))
  const sortsAll = /\blimit\b/i.test(text) && lines.some((l) => /^(->\s*)?Sort\b/.test(l))
  return { line: lines.join(' | '), problems, sortsAll }
}

/** Explains every SELECT each case's request runs; `ctx` is completed with a recording connection. */
export async function explainCases(url: string, base: Omit<AppContext, 'db' | 'dialect'>, cases: ExplainCase[]): Promise<ExplainResult[]> {
  let recorded: CompiledQuery[] = []
  const handle = await openDatabase(url, { onQuery: (q) => recorded.push(q) })
  const app = await buildApp({ ctx: { ...base, db: handle.db, dialect: handle.dialect } })
  const out: ExplainResult[] = []
  try {
    const big: string[] = []
    for (const t of GROWING_TABLES) {
      const [{ n }] = (await handle.db.executeQuery<{ n: number | string }>(CompiledQuery.raw(`select count(*) as n from ${t}`))).rows
      if (Number(n) >= BIG_ROWS) big.push(t)
    }
    for (const c of cases) {
      recorded = []
      const res = await app.inject({ method: 'GET', url: c.path, headers: c.headers })
      if (res.statusCode !== 200) throw new Error(`EXPLAIN ${c.name}: HTTP ${res.statusCode} ${res.body}`)
      const selects = recorded.filter((q) => /^\s*select/i.test(q.sql))
      recorded = []
      const plans: string[] = []
      const problems: string[] = []
      const warnings: string[] = []
      for (const q of selects) {
        const prefix = handle.dialect === 'sqlite' ? 'explain query plan ' : 'explain '
        const rows = (await handle.db.executeQuery(CompiledQuery.raw(prefix + q.sql, [...q.parameters]))).rows
        const plan = handle.dialect === 'sqlite' ? sqlitePlan(rows as never, q.sql, big) : postgresPlan(rows as never, q.sql, big)
        const from = /\bfrom\s+"?(\w+)"?/i.exec(q.sql)?.[1] ?? '?'
        plans.push(`${from}: ${plan.line}`)
        problems.push(...plan.problems.map((p) => `${from}: ${p}`))
        if (plan.sortsAll) warnings.push(`${from}: sorts every matching row before taking a page`)
      }
      out.push({ case: c.name, plans, problems, warnings })
    }
  } finally {
    await app.close()
    await handle.close()
  }
  return out
}
