/**
 * 下级待办 counts (docs/DOMAIN.md §6). SQL only. Every query starts from the direct children of
 * one organisation (index organizations_parent) and reads each child's own queue over the
 * queue indexes (profile_reviews_queue, transfers_todo): its cost follows the fan-out of one
 * organisation and the items waiting there, never the size of the tree below.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { BacklogSort } from '../../shared/api/backlog'
import { fixedState } from '../db/dialect'

type Db = Kysely<Database> | Transaction<Database>

export interface BacklogDbRow {
  id: number
  code: string
  name: string
  type: string
  reviews: number
  transfers: number
  overdue: number
  oldest: string | null
}

const NO_WAIT = '9999-12-31T23:59:59.999Z'

/** The sort key of each order, as SQL over the aggregated row `b`, and its direction. */
const ORDER: Record<BacklogSort, { key: string; desc: boolean }> = {
  overdue: { key: 'b.overdue', desc: true },
  pending: { key: '(b.reviews + b.transfers)', desc: true },
  // Nothing waiting sorts last: NO_WAIT is above every ISO time.
  oldest: { key: `coalesce(b.oldest, '${NO_WAIT}')`, desc: false },
}

/**
 * The two queues an organisation works through, as SQL: where each row keeps the organisation
 * it waits at, since when it waits, and the condition of a waiting row (a literal, so the
 * partial queue indexes apply).
 */
const QUEUES = {
  reviews: { table: 'profile_reviews', org: 'org_id', since: 'submitted_at', waiting: "q.state = 'pending'" },
  transfers: { table: 'transfers', org: 'current_org_id', since: 'waiting_since', waiting: "q.status = 'in_progress'" },
} as const

/** Per child in `kids`: how many rows wait there, how many since before `overdueBefore`, the oldest. */
function waitingAtKids(queue: (typeof QUEUES)[keyof typeof QUEUES], overdueBefore: string) {
  const org = sql.ref(`q.${queue.org}`)
  const since = sql.ref(`q.${queue.since}`)
  return sql`
      select ${org} as org_id, count(*) as n,
             sum(case when ${since} < ${overdueBefore} then 1 else 0 end) as late,
             min(${since}) as oldest
      from ${sql.table(queue.table)} q join kids k on k.id = ${org}
      where ${sql.raw(queue.waiting)}
      group by ${org}`
}

/**
 * The children of `parentId` with their own waiting items, in `sort` order, keyset-paged by
 * (sort key, id). Rows with nothing waiting are included (a 团委 sees every branch).
 */
export async function backlogOfChildren(
  db: Db,
  f: { parentId: number; overdueBefore: string; sort: BacklogSort; cursor: [string | number, number] | null; limit: number },
): Promise<BacklogDbRow[]> {
  const { key, desc } = ORDER[f.sort]
  const after = f.cursor
    ? desc
      ? sql`where ${sql.raw(key)} < ${f.cursor[0]} or (${sql.raw(key)} = ${f.cursor[0]} and b.id > ${f.cursor[1]})`
      : sql`where ${sql.raw(key)} > ${f.cursor[0]} or (${sql.raw(key)} = ${f.cursor[0]} and b.id > ${f.cursor[1]})`
    : sql``
  const rows = await sql<BacklogDbRow>`
    with kids as (
      select id, code, name, type from organizations where parent_id = ${f.parentId}
    ), rv as (${waitingAtKids(QUEUES.reviews, f.overdueBefore)}
    ), tr as (${waitingAtKids(QUEUES.transfers, f.overdueBefore)}
    ), b as (
      select k.id, k.code, k.name, k.type,
             coalesce(rv.n, 0) as reviews, coalesce(tr.n, 0) as transfers,
             coalesce(rv.late, 0) + coalesce(tr.late, 0) as overdue,
             case when rv.oldest is null then tr.oldest
                  when tr.oldest is null or rv.oldest < tr.oldest then rv.oldest
                  else tr.oldest end as oldest
      from kids k left join rv on rv.org_id = k.id left join tr on tr.org_id = k.id
    )
    select * from b ${after}
    order by ${sql.raw(key)} ${sql.raw(desc ? 'desc' : 'asc')}, b.id asc
    limit ${f.limit + 1}
  `.execute(db)
  return rows.rows.map((r) => ({
    ...r,
    id: Number(r.id),
    reviews: Number(r.reviews),
    transfers: Number(r.transfers),
    overdue: Number(r.overdue),
  }))
}

/** The cursor value of a row for an order (what `ORDER[sort].key` computes). */
export function sortValueOf(r: BacklogDbRow, sort: BacklogSort): string | number {
  if (sort === 'overdue') return r.overdue
  if (sort === 'pending') return r.reviews + r.transfers
  return r.oldest ?? NO_WAIT
}

/** How many organisations sit directly below each of `orgIds` (one grouped query for a page). */
export async function childCounts(db: Db, orgIds: number[]): Promise<Map<number, number>> {
  if (orgIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('organizations')
    .select((eb) => ['parent_id', eb.fn.countAll<number>().as('n')])
    .where('parent_id', 'in', orgIds)
    .groupBy('parent_id')
    .execute()
  return new Map(rows.map((r) => [r.parent_id!, Number(r.n)]))
}

/** The organisations among `orgIds` that got a 催办 on `day`. */
export async function remindedOn(db: Db, orgIds: number[], day: string): Promise<Set<number>> {
  if (orgIds.length === 0) return new Set()
  const rows = await db.selectFrom('reminders').select('org_id').where('org_id', 'in', orgIds).where('day', '=', day).execute()
  return new Set(rows.map((r) => r.org_id))
}

export async function insertReminder(trx: Transaction<Database>, r: { orgId: number; day: string; accountId: number; at: string }): Promise<void> {
  await trx.insertInto('reminders').values({ org_id: r.orgId, day: r.day, account_id: r.accountId, at: r.at }).execute()
}

/** The own counts of one organisation (the 催办 card says them). */
export async function ownCounts(db: Db, orgId: number, overdueBefore: string) {
  const [rv, tr] = await Promise.all([
    db.selectFrom('profile_reviews')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('submitted_at', '<', overdueBefore).then(1).else(0).end()).as('late')])
      .where('org_id', '=', orgId).where('state', '=', fixedState('pending'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('transfers')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('waiting_since', '<', overdueBefore).then(1).else(0).end()).as('late')])
      .where('current_org_id', '=', orgId).where('status', '=', 'in_progress')
      .executeTakeFirstOrThrow(),
  ])
  return { reviews: Number(rv.n), transfers: Number(tr.n), overdue: Number(rv.late ?? 0) + Number(tr.late ?? 0) }
}

/**
 * Every organisation's own overdue items (资料审核 and 转接 waiting past the cut-off), for the
 * daily digest: two grouped range scans (indexes profile_reviews_overdue, transfers_overdue).
 */
export async function overdueByOrg(db: Db, overdueBefore: string): Promise<Map<number, { reviews: number; transfers: number }>> {
  const [rv, tr] = await Promise.all([
    db.selectFrom('profile_reviews').select((eb) => ['org_id', eb.fn.countAll<number>().as('n')])
      .where('state', '=', fixedState('pending')).where('submitted_at', '<', overdueBefore).groupBy('org_id').execute(),
    db.selectFrom('transfers').select((eb) => ['current_org_id', eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'in_progress').where('waiting_since', '<', overdueBefore).groupBy('current_org_id').execute(),
  ])
  const map = new Map<number, { reviews: number; transfers: number }>()
  const at = (id: number) => map.get(id) ?? (map.set(id, { reviews: 0, transfers: 0 }), map.get(id)!)
  for (const r of rv) at(r.org_id).reviews = Number(r.n)
  for (const t of tr) if (t.current_org_id !== null) at(t.current_org_id).transfers = Number(t.n)
  return map
}

/** Transfer steps that reached `orgId` per UTC day since `since` (at most a few months of rows). */
export async function arrivalsPerDay(db: Db, orgId: number, since: string): Promise<{ day: string; n: number }[]> {
  const day = sql<string>`substr(waiting_since, 1, 10)`
  const rows = await db
    .selectFrom('transfer_steps')
    .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('waiting_since', '>=', since)
    .groupBy(day)
    .execute()
  return rows.map((r) => ({ day: r.day, n: Number(r.n) }))
}
