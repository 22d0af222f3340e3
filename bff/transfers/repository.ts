import type { Kysely, Transaction, Selectable, Insertable } from 'kysely'
import type { Database } from '../db/schema'
import type { TransfersTable, TransferStepsTable } from '../db/schema/transfers'
import type { CursorKey } from '../pagination'
import { prefixUpperBound } from '../db/dialect'
import type { RouteState } from './route'
import { expectChanged } from '../db/guarded'
import { insertRows } from '../db/insert-rows'
import { precompiledByShape, type Slot } from '../db/precompiled'
import { queuePlaceOf, tallyQueueMoves, type QueueCountChange } from './queue-counts'
import { STEP_ROLES, type StepRole } from '../../shared/transfers'

type Db = Kysely<Database> | Transaction<Database>
export type TransferRow = Selectable<TransfersTable> & { member_name: string }
export type StepRow = Selectable<TransferStepsTable>

function base(db: Db) {
  return db.selectFrom('transfers as t').innerJoin('members as m', 'm.id', 't.member_id').selectAll('t').select('m.name as member_name')
}

/**
 * What a list row shows (TransferItem), in one query over the application alone: its copy of
 * the member's name (migration 0014), of its 转出/转入上级 nodes (migration 0016), and the
 * pending node's mirror columns (current_seq, current_role, current_org_id, kept by
 * saveRouteState) — a page reads no member and no step (issue #12).
 */
function listBase(db: Db) {
  return db
    .selectFrom('transfers as t')
    .select([
      't.id', 't.kind', 't.status', 't.version', 't.member_id', 't.member_name', 't.from_org_id', 't.to_org_id', 't.allocated_org_id',
      't.study_work_unit', 't.applied_at', 't.current_seq', 't.current_org_id', 't.current_role', 't.waiting_since',
      't.out_parent_org_id', 't.in_parent_org_id',
    ])
}
export type TransferListRow = Awaited<ReturnType<ReturnType<typeof listBase>['execute']>>[number]

export interface TransferListFilter {
  orgId: number
  namePrefix?: string
  cursor: CursorKey | null
  limit: number
}

// Any Kysely select builder over `t` (the transfers alias); only its `where` is used. `below` is
// the prefix's upper bound, prefixUpperBound's unless given (a precompiled query gives a slot).
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const byName = <Q extends { where: Function }>(q: Q, prefix?: string, below = prefix && prefixUpperBound(prefix)): Q =>
  prefix ? (q.where('t.member_name', '>=', prefix).where('t.member_name', '<', below) as Q) : q

/**
 * 待审核: the current node is this organisation, except 待分配; longest waiting first.
 * Index (current_org_id, waiting_since, id). 待分配 (`allocating`): index (current_org_id, current_role, waiting_since, id).
 * The cursor is a row-value bound, (waiting_since, id) > (…), so page 500 starts inside the
 * index range instead of reading the 9,980 entries before it (an OR of the two columns does).
 */
export async function listTodo(db: Db, f: TodoFilter): Promise<TransferListRow[]> {
  return todo.rows(db, f)
}

/**
 * What tells a kept 待审核 page is still the database's (bff/kept-pages.ts), over the same
 * index in the same order: each application's id and version. Every column of a list row
 * changes only with the version: saveRouteState, and
 * updateMember for the copy of the member's name. (Migrations fill columns in at start, before
 * the first page is read.)
 */
export async function todoStamps(db: Db, f: TodoFilter): Promise<TodoStamp[]> {
  return todo.stamps(db, f)
}

type TodoFilter = TransferListFilter & { allocating?: boolean }

// The 待审核 page is the season's most asked list: each of its shapes (search, 待分配, cursor)
// is built once per handle (bff/db/precompiled.ts).
const todoShape = (f: TodoFilter) => `${f.namePrefix ? 'q' : ''}${f.allocating ? 'a' : ''}${f.cursor ? 'c' : ''}`

function todoValues(f: TodoFilter) {
  const [at, id] = f.cursor ?? [null, null]
  return { orgId: f.orgId, limit: f.limit + 1, at: at === null ? null : String(at), id, from: f.namePrefix, below: f.namePrefix && prefixUpperBound(f.namePrefix) }
}

const todoQuery = (shape: string) => (db: Db, v: Slot) => {
  // By the application's copy of the name, index (current_org_id, member_name, id) reads the
  // namesakes waiting here, not the province's (migration 0014).
  let q = listBase(db).where('t.current_org_id', '=', v<number>('orgId')).where('t.status', '=', 'in_progress')
  if (shape.includes('q')) q = byName(q, v<string>('from'), v<string>('below'))
  q = shape.includes('a') ? q.where('t.current_role', '=', 'allocate') : q.where('t.current_role', '<>', 'allocate')
  if (shape.includes('c')) q = q.where((eb) => eb(eb.refTuple('t.waiting_since', 't.id'), '>', eb.tuple(v<string>('at'), v<number>('id'))))
  return q.orderBy('t.waiting_since', 'asc').orderBy('t.id', 'asc').limit(v<number>('limit'))
}

const todo = {
  rows: precompiledByShape(todoShape, todoQuery, todoValues),
  stamps: precompiledByShape(todoShape, (shape) => (db: Db, v) => todoQuery(shape)(db, v).clearSelect().select(['t.id', 't.version']), todoValues),
}
export type TodoStamp = Awaited<ReturnType<typeof todo.stamps>>[number]
/** A page row's stamp, the same columns todoStamps reads (a kept page is kept under its rows' stamps). */
export const todoStampOf = (r: TransferListRow): TodoStamp => ({ id: r.id, version: r.version })

/** 已审核: steps this organisation decided, newest first. Index (org_id, decided_at, id) on steps. */
export async function listDone(db: Db, f: TransferListFilter) {
  let q = byName(
    listBase(db)
      .innerJoin('transfer_steps as s', 's.transfer_id', 't.id')
      .select(['s.id as step_id', 's.state as step_state', 's.decided_at as step_decided_at'])
      .where('s.org_id', '=', f.orgId)
      .where('s.decided_at', 'is not', null)
      .where('s.decided_by', 'is not', null),
    f.namePrefix,
  )
  if (f.cursor) {
    const [at, id] = f.cursor
    q = q.where((eb) => eb(eb.refTuple('s.decided_at', 's.id'), '<', eb.tuple(String(at), id)))
  }
  return q.orderBy('s.decided_at', 'desc').orderBy('s.id', 'desc').limit(f.limit + 1).execute()
}

/** 发起记录: applications this branch initiated for its members, newest first. */
export async function listInitiated(db: Db, f: TransferListFilter): Promise<TransferListRow[]> {
  let q = byName(listBase(db).where('t.from_org_id', '=', f.orgId).where('t.initiator', '=', 'branch'), f.namePrefix)
  if (f.cursor) {
    const [at, id] = f.cursor
    q = q.where((eb) => eb(eb.refTuple('t.applied_at', 't.id'), '<', eb.tuple(String(at), id)))
  }
  return q.orderBy('t.applied_at', 'desc').orderBy('t.id', 'desc').limit(f.limit + 1).execute()
}

export async function findTransfer(db: Db, id: number): Promise<TransferRow | undefined> {
  return base(db).where('t.id', '=', id).executeTakeFirst()
}

/** Steps of several applications in one query. */
export async function stepsOf(db: Db, transferIds: number[]): Promise<Map<number, StepRow[]>> {
  const map = new Map<number, StepRow[]>()
  if (transferIds.length === 0) return map
  const rows = await db.selectFrom('transfer_steps').selectAll().where('transfer_id', 'in', transferIds).orderBy('transfer_id').orderBy('seq').execute()
  for (const r of rows) {
    const list = map.get(r.transfer_id) ?? []
    list.push(r)
    map.set(r.transfer_id, list)
  }
  return map
}

export async function hasOpenTransfer(db: Db, memberId: number): Promise<boolean> {
  const r = await db
    .selectFrom('transfers')
    .select('id')
    .where('member_id', '=', memberId)
    .where('status', 'in', ['in_progress', 'awaiting_member'])
    .executeTakeFirst()
  return !!r
}

export function routeStateOf(t: Pick<TransferRow, 'status' | 'current_seq'>, steps: StepRow[]): RouteState {
  return {
    status: t.status,
    currentSeq: t.current_seq,
    steps: steps.map((s) => ({ seq: s.seq, role: s.role, orgId: s.org_id, state: s.state })),
  }
}

/**
 * Writes a new route state: the application row (guarded by version) and every step whose
 * state changed. `decided` marks the step that a person decided just now. The new version is
 * also what tells a kept 待审核 page it changed (todoStamps).
 */
export async function saveRouteState(
  trx: Transaction<Database>,
  t: Pick<TransferRow, 'id' | 'version'>,
  before: RouteState,
  after: RouteState,
  now: string,
  extra: {
    decidedSeq?: number; decidedBy?: number | null; channel?: string; reason?: string | null; endReason?: string | null; endedStatus?: boolean
    /** 分配: the 团支部 the 团委 placed the graduate in (docs/DOMAIN.md §5a). */
    allocatedOrgId?: number
  },
): Promise<void> {
  const current = after.steps.find((s) => s.seq === after.currentSeq)
  const ended = after.status === 'completed' || after.status === 'returned' || after.status === 'withdrawn'
  const res = await trx
    .updateTable('transfers')
    .set({
      status: after.status,
      current_seq: after.currentSeq,
      current_org_id: current?.orgId ?? null,
      current_role: current?.role ?? null,
      waiting_since: current ? now : null,
      ...(extra.allocatedOrgId ? { allocated_org_id: extra.allocatedOrgId } : {}),
      ended_at: ended ? now : null,
      end_reason: extra.endReason ?? null,
      version: t.version + 1,
    })
    .where('id', '=', t.id)
    .where('version', '=', t.version)
    .executeTakeFirst()
  expectChanged(res)
  // Out of the count it was in, into the one it is in now (transfer_queue_counts, below).
  const was = before.steps.find((x) => x.seq === before.currentSeq)
  await addToCounts(trx, tallyQueueMoves([
    [queuePlaceOf({ status: before.status, orgId: was?.orgId, role: was?.role }), -1],
    [queuePlaceOf({ status: after.status, orgId: current?.orgId, role: current?.role }), 1],
  ]))
  for (const s of after.steps) {
    const old = before.steps.find((x) => x.seq === s.seq)
    if (old?.state === s.state) continue
    const decidedNow = s.seq === extra.decidedSeq
    await trx
      .updateTable('transfer_steps')
      .set({
        state: s.state,
        ...(s.state === 'pending' ? { waiting_since: now } : {}),
        ...(decidedNow ? { decided_at: now, decided_by: extra.decidedBy ?? null, decided_channel: extra.channel ?? null, reason: extra.reason ?? null } : {}),
      })
      .where('transfer_id', '=', t.id)
      .where('seq', '=', s.seq)
      .execute()
  }
}

/** The member's latest applications, newest first (what the member-facing system shows). */
export async function recentTransfersOfMember(db: Db, memberId: number, limit: number) {
  return db
    .selectFrom('transfers')
    .select(['id', 'status', 'kind', 'to_org_id', 'applied_at', 'end_reason'])
    .where('member_id', '=', memberId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** A new application and its steps, as newTransferRows (service.ts) builds them. */
export interface NewTransferRows {
  values: Omit<Insertable<TransfersTable>, 'out_parent_org_id' | 'in_parent_org_id'>
  steps: Omit<Insertable<TransferStepsTable>, 'transfer_id'>[]
}

const nodeOf = (steps: NewTransferRows['steps'], role: 'out_parent' | 'in_parent') => steps.find((s) => s.role === role)?.org_id ?? null

/** A new application and its steps (built by insertTransfer in service.ts). */
export async function insertTransferRows(trx: Transaction<Database>, values: NewTransferRows['values'], steps: NewTransferRows['steps']): Promise<number> {
  return (await insertTransferBatch(trx, [{ values, steps }]))[0]
}

/**
 * New applications and their steps in two multi-row INSERTs (the import writes thousands,
 * issue #12); answers their ids in the input's order. The caller keeps a batch under the
 * bound-variable limit (bff/import/chunks.ts). New applications are open, and a member has at
 * most one open application (unique index transfers_one_open_per_member), so the new ids are
 * matched back by member: RETURNING does not promise the input order.
 */
export async function insertTransferBatch(trx: Transaction<Database>, rows: NewTransferRows[]): Promise<number[]> {
  if (rows.length === 0) return []
  // The member's name goes along for the 待审核 name search (migration 0014), the 转出/转入上级
  // nodes for the lists (migration 0016): a route's organisations never change once planned.
  const inserted = await insertRows(
    trx,
    'transfers',
    rows.map(({ values, steps }) => ({
      ...values,
      out_parent_org_id: nodeOf(steps, 'out_parent'),
      in_parent_org_id: nodeOf(steps, 'in_parent'),
      member_name: values.member_id,
    })),
    { returning: ['id', 'member_id'], wrap: { member_name: (id) => `(select "name" from "members" where "id" = ${id})` } },
  )
  const idOfMember = new Map(inserted.map((r) => [Number(r.member_id), Number(r.id)]))
  if (idOfMember.size !== rows.length) throw new Error('insertTransferBatch: one member twice in a batch')
  const ids = rows.map((r) => idOfMember.get(r.values.member_id)!)
  // Into their nodes' counts, one row per organisation: 12,500 of the bench's go to one 团委.
  await addToCounts(trx, tallyQueueMoves(rows.map(({ values: v }) => [queuePlaceOf({ status: v.status, orgId: v.current_org_id, role: v.current_role }), 1] as const)))
  await insertRows(trx, 'transfer_steps', rows.flatMap((r, i) => r.steps.map((step) => ({ transfer_id: ids[i], ...step }))))
  return ids
}

/**
 * Whether an application of the member reached a node at or below `orgPath`: the one deciding
 * now, or one that decided it (never nodes it did not reach).
 */
export async function memberOnRouteBelow(db: Db, memberId: number, orgPath: string): Promise<boolean> {
  const row = await db
    .selectFrom('transfers as t')
    .innerJoin('transfer_steps as s', 's.transfer_id', 't.id')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .select('t.id')
    .where('t.member_id', '=', memberId)
    .where('s.state', 'in', ['pending', 'approved', 'returned'])
    .where('o.path', '>=', orgPath)
    .where('o.path', '<', prefixUpperBound(orgPath))
    .executeTakeFirst()
  return !!row
}

// ---- 转接 counts of 团务管理首页 (issue #12) ----
/*
 * How many applications wait at each organisation's node (transfer_queue_counts, migration
 * 0017), so 团务管理首页 of a 团委 with thousands waiting reads one row instead of its queue
 * (issue #12). Every write of an application's status or pending node goes through
 * insertTransferBatch (a batch of one for the live path, or the import's) or saveRouteState,
 * which move the application between counts in the same transaction. The overdue part is not
 * a count that can be kept (time moves it): it is the count minus those that arrived within
 * the last 48 hours, which reads only the recent arrivals — bounded by the season's pace, not
 * by the backlog.
 */

/** Adds to several organisations' counts in one statement (each organisation once). */
async function addToCounts(trx: Transaction<Database>, rows: QueueCountChange[]): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('transfer_queue_counts')
    .values(rows)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet((eb) => ({
        pending: eb('transfer_queue_counts.pending', '+', eb.ref('excluded.pending')),
        allocate: eb('transfer_queue_counts.allocate', '+', eb.ref('excluded.allocate')),
      })),
    )
    .execute()
}

const ROLES = Object.keys(STEP_ROLES) as StepRole[]

/**
 * 待审核 and 待分配 of an organisation with how many of each wait since before `overdueBefore`
 * (docs/DOMAIN.md §6): the kept counts, minus the recent arrivals read over index
 * transfers_todo_counts (current_org_id, status, current_role, waiting_since).
 */
export async function queueCounts(db: Db, orgId: number, overdueBefore: string) {
  const [kept, recent] = await Promise.all([
    db.selectFrom('transfer_queue_counts').select(['pending', 'allocate']).where('org_id', '=', orgId).executeTakeFirst(),
    db
      .selectFrom('transfers')
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.sum<number>(eb.case().when('current_role', '=', 'allocate').then(1).else(0).end()).as('allocate'),
      ])
      .where('current_org_id', '=', orgId)
      .where('status', '=', 'in_progress')
      // Every role spelled out: the index then gives one range per role, from the bound on.
      .where('current_role', 'in', ROLES)
      .where('waiting_since', '>=', overdueBefore)
      .executeTakeFirstOrThrow(),
  ])
  const pending = Number(kept?.pending ?? 0)
  const allocate = Number(kept?.allocate ?? 0)
  const recentAllocate = Number(recent.allocate ?? 0)
  const recentPending = Number(recent.all ?? 0) - recentAllocate
  return { pending, overdue: pending - recentPending, allocate, allocateOverdue: allocate - recentAllocate }
}
