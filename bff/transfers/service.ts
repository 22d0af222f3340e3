/**
 * 组织关系转接: boxes, detail, decisions (single and batch), and the member-side actions.
 * Every decision is one transaction: the application, its steps, the member's move on
 * completion, and the audit row; the application's version guards against double decisions.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg, canDecideFor } from '../scope'
import type { OrgRef, PageOf } from '../../shared/api/common'
import type { TransferItem, TransferDetail, TransferListQuery, BatchDecisionBody } from '../../shared/api/transfers'
import type { Decision } from '../../shared/reviews'
import { STEP_ROLES, type StepRole, type TransferCause, type TransferKind, type TransferInitiator } from '../../shared/transfers'
import { TRANSFER_OVERDUE_HOURS } from '../../shared/limits'
import { checkReason } from '../../shared/reasons'
import { AppError, StaleError, fail } from '../errors'
import { decodeCursor, limitOf, pageOf, type CursorKey } from '../pagination'
import { KeptPages } from '../kept-pages'
import { orgsByIds, toOrgRef, type OrgRow } from '../orgs/repository'
import { byActor, writeAudit } from '../audit/write'
import { accountNamesByIds } from '../accounts/repository'
import { decideStep, canWithdraw, memberConfirms, planRoute, ALLOCATE_BY_CHOICE_MESSAGE, type RouteInput } from './route'
import {
  listTodo, todoStamps, todoStampOf, listDone, listInitiated, findTransfer, stepsOf, routeStateOf, saveRouteState, insertTransferRows,
  type TransferRow, type TransferListRow, type StepRow, type NewTransferRows,
} from './repository'
import type { RequestMeta } from '../audit/write'
import { notifyCurrentNode } from './notify'
import { findMemberById, updateMember } from '../members/repository'
import { findPendingReviewOfMember, updateReview } from '../reviews/repository'

const overdueBefore = (now: Date) => new Date(now.getTime() - TRANSFER_OVERDUE_HOURS * 3_600_000).toISOString()
/** Waiting at its current node since before `bound` (overdueBefore): 超时. */
const isOverdue = (t: Pick<TransferRow, 'status' | 'waiting_since'>, bound: string) => t.status === 'in_progress' && !!t.waiting_since && t.waiting_since < bound

/** What a list row and a detail have in common: the application and its three named nodes. */
interface ItemSource {
  row: Pick<TransferRow, 'id' | 'kind' | 'status' | 'version' | 'member_id' | 'member_name' | 'from_org_id' | 'to_org_id' | 'allocated_org_id' | 'study_work_unit' | 'applied_at' | 'waiting_since'>
  fromParentId: number | null
  toParentId: number | null
  current: { seq: number; role: StepRole; orgId: number } | null
}

/** A detail's source: the nodes from its steps (the 转出/转入上级 nodes and the pending one). */
function sourceOf(t: TransferRow, steps: StepRow[]): ItemSource {
  const current = steps.find((s) => s.seq === t.current_seq)
  return {
    row: t,
    fromParentId: steps.find((s) => s.role === 'out_parent')?.org_id ?? null,
    toParentId: steps.find((s) => s.role === 'in_parent')?.org_id ?? null,
    current: current ? { seq: current.seq, role: current.role, orgId: current.org_id } : null,
  }
}

/** A list row's source: the same nodes, read with the row (listBase in repository.ts). */
function listSourceOf(t: TransferListRow): ItemSource {
  return {
    row: t,
    fromParentId: t.out_parent_org_id,
    toParentId: t.in_parent_org_id,
    current: t.current_seq !== null && t.current_role && t.current_org_id !== null ? { seq: t.current_seq, role: t.current_role, orgId: t.current_org_id } : null,
  }
}

function orgIdsOf(s: ItemSource, steps: StepRow[] = []): number[] {
  const t = s.row
  const ids = [t.from_org_id, t.to_org_id]
  for (const id of [t.allocated_org_id, s.fromParentId, s.toParentId, s.current?.orgId]) if (id) ids.push(id)
  for (const x of steps) ids.push(x.org_id)
  return ids
}

/**
 * One OrgRef per cached organisation row (orgs/repository.ts keeps the rows), shared by every
 * page that names it, so list-json.ts writes each organisation's JSON once. Frozen: shared.
 */
const refOfRow = new WeakMap<OrgRow, OrgRef>()
function orgRefOf(row: OrgRow): OrgRef {
  let ref = refOfRow.get(row)
  if (!ref) refOfRow.set(row, (ref = Object.freeze(toOrgRef(row))))
  return ref
}

/** What a page (or a detail) needs once rather than per row: the overdue bound and the OrgRefs. */
function itemContext(orgs: Map<number, OrgRow>, now: Date) {
  return { overdueBefore: overdueBefore(now), org: (id: number): OrgRef => orgRefOf(orgs.get(id)!) }
}

function toItem(s: ItemSource, c: ReturnType<typeof itemContext>, myDecision: TransferItem['myDecision'] = null): TransferItem {
  const t = s.row
  const waiting = t.status === 'in_progress'
  return {
    id: t.id,
    kind: t.kind,
    status: t.status,
    version: t.version,
    member: { id: t.member_id, name: t.member_name },
    fromOrg: c.org(t.from_org_id),
    fromParent: s.fromParentId ? c.org(s.fromParentId) : null,
    toOrg: c.org(t.to_org_id),
    toParent: s.toParentId ? c.org(s.toParentId) : null,
    allocatedOrg: t.allocated_org_id ? c.org(t.allocated_org_id) : null,
    studyWorkUnit: t.study_work_unit,
    appliedAt: t.applied_at,
    currentStep: s.current ? { seq: s.current.seq, role: s.current.role, org: c.org(s.current.orgId) } : null,
    waitingSince: waiting ? t.waiting_since : null,
    overdue: isOverdue(t, c.overdueBefore),
    myDecision,
  }
}

/** The season's 待审核 pages, kept while their rows are the same (bff/kept-pages.ts). */
const keptPages = new KeptPages<PageOf<TransferItem>>(32)

/**
 * One query for the page (listBase); its organisations come from the per-process cache. A
 * 待审核 page is kept (bff/kept-pages.ts): each request reads its stamps (todoStamps), and its
 * rows only when they changed.
 */
export async function listTransfers(ctx: AppContext, actor: Actor, q: TransferListQuery): Promise<PageOf<TransferItem>> {
  const limit = limitOf(q.limit)
  const filter = { orgId: actor.orgId, namePrefix: q.q?.trim() || undefined, cursor: decodeCursor(q.cursor), limit }
  const now = ctx.clock.now()
  const bound = overdueBefore(now)
  const key = `${actor.orgId}|${q.box ?? 'todo'}|${filter.namePrefix ?? ''}|${q.cursor ?? ''}|${limit}`
  if (q.box === 'done') {
    const rows = await listDone(ctx.db, filter)
    return keptPages.page(ctx.db, key, rows, rows.map((r) => isOverdue(r, bound)), () => pageOfRows(ctx, rows, limit, now, (r) => [r.step_decided_at!, r.step_id!]))
  }
  if (q.box === 'initiated') {
    const rows = await listInitiated(ctx.db, filter)
    return keptPages.page(ctx.db, key, rows, rows.map((r) => isOverdue(r, bound)), () => pageOfRows(ctx, rows, limit, now, (r) => [r.applied_at, r.id]))
  }
  const todo = { ...filter, allocating: q.box === 'allocate' }
  const stamps = await todoStamps(ctx.db, todo)
  // Every row here is in progress: a kept page is still right while each row's 超时 is its
  // waiting time against today's bound (isOverdue).
  const overdueNow = (page: PageOf<TransferItem>) => page.items.every((i) => i.overdue === (i.waitingSince! < bound))
  return keptPages.stamped(ctx.db, key, stamps, overdueNow, async () => {
    const rows = await listTodo(ctx.db, todo)
    return { page: await pageOfRows(ctx, rows, limit, now, (r) => [r.waiting_since!, r.id]), stamps: rows.map(todoStampOf) }
  })
}

type ListRow = TransferListRow & { step_id?: number; step_state?: StepRow['state']; step_decided_at?: string | null }

async function pageOfRows<R extends ListRow>(ctx: AppContext, rows: R[], limit: number, now: Date, keyOf: (r: R) => CursorKey): Promise<PageOf<TransferItem>> {
  const sources = new Map(rows.slice(0, limit).map((r) => [r, listSourceOf(r)]))
  const ids: number[] = []
  for (const s of sources.values()) ids.push(...orgIdsOf(s))
  const c = itemContext(await orgsByIds(ctx.db, ids), now)
  return pageOf(
    rows,
    limit,
    (r) => toItem(sources.get(r)!, c, r.step_state && r.step_decided_at ? { state: r.step_state, decidedAt: r.step_decided_at } : null),
    keyOf,
  )
}

export async function getTransfer(ctx: AppContext, actor: Actor, id: number): Promise<TransferDetail> {
  const t = await findTransfer(ctx.db, id)
  if (!t) return fail('NOT_FOUND')
  const steps = (await stepsOf(ctx.db, [id])).get(id) ?? []
  const source = sourceOf(t, steps)
  const orgs = await orgsByIds(ctx.db, orgIdsOf(source, steps))
  // Visible to every organisation on the route and to their ancestors.
  if (![...orgs.values()].some((o) => canSeeOrg(actor, o.path))) return fail('NOT_FOUND')
  const deciders = await accountNamesByIds(ctx.db, steps.map((s) => s.decided_by))
  const current = steps.find((s) => s.seq === t.current_seq)
  const c = itemContext(orgs, ctx.clock.now())
  return {
    ...toItem(source, c),
    cause: t.cause,
    causeNote: t.cause_note,
    initiator: t.initiator,
    steps: steps.map((s) => ({
      seq: s.seq,
      role: s.role,
      org: c.org(s.org_id),
      state: s.state,
      waitingSince: s.waiting_since,
      decidedAt: s.decided_at,
      decidedBy: s.decided_by ? (deciders.get(s.decided_by) ?? null) : null,
      reason: s.reason,
    })),
    endReason: t.end_reason,
    completedAt: t.status === 'completed' ? t.ended_at : null,
    canDecide: t.status === 'in_progress' && !!current && canDecideFor(actor, current.org_id),
    canWithdraw: t.initiator === 'branch' && canDecideFor(actor, t.from_org_id) && canWithdraw({ status: t.status, currentSeq: t.current_seq }),
  }
}

/** Decides the pending node of one application for the actor's organisation. */
export async function decideTransfer(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { decision: Decision; reason?: string; version: number },
  meta: RequestMeta,
): Promise<{ memberName: string }> {
  let reason: string | null = null
  if (body.decision === 'return') {
    const r = checkReason(body.reason)
    if (!r.ok) throw new AppError(r.code)
    reason = r.reason
  }
  return ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t) throw new AppError('NOT_FOUND')
    const steps = (await stepsOf(trx, [id])).get(id) ?? []
    const orgs = await orgsByIds(trx, orgIdsOf(sourceOf(t, steps), steps))
    if (![...orgs.values()].some((o) => canSeeOrg(actor, o.path))) throw new AppError('NOT_FOUND')
    const current = steps.find((s) => s.seq === t.current_seq)
    if (t.version !== body.version || t.status !== 'in_progress' || !current) throw new StaleError()
    if (!canDecideFor(actor, current.org_id)) throw new AppError(actor.kind === 'viewer' ? 'READ_ONLY' : 'NOT_DECIDABLE')
    const before = routeStateOf(t, steps)
    const res = decideStep(before, current.seq, body.decision)
    if (!res.ok) throw new AppError(res.code, current.role === 'allocate' ? ALLOCATE_BY_CHOICE_MESSAGE : undefined)
    const now = ctx.clock.now().toISOString()
    await saveRouteState(trx, t, before, res.state, now, {
      decidedSeq: current.seq,
      decidedBy: actor.accountId,
      channel: meta.channel,
      reason,
      endReason: reason,
    })
    if (res.completed) await moveMember(trx, t, now)
    await notifyCurrentNode(trx, res.state, t.id, t.member_name, now)
    const label = `${STEP_ROLES[current.role]}${body.decision === 'approve' ? '同意' : `退回，原因：${reason}`}`
    await writeAudit(trx, {
      ...byActor(actor, meta, now),
      action: body.decision === 'approve' ? 'transfer.approve' : 'transfer.return',
      objectType: 'transfer',
      objectId: t.id,
      summary: `组织关系转接：${t.member_name}，${label}${res.completed ? '（接转成功）' : ''}`,
      detail: { seq: current.seq, decision: body.decision, reason, completed: res.completed },
    })
    return { memberName: t.member_name }
  })
}

/**
 * 接转成功: the member moves to the target branch (or to `external`) in the same transaction.
 * An open 修改资料 request moves with the member to the new branch's queue; one of a member
 * leaving the province is closed, since no organisation of this system reviews it any more.
 */
export async function moveMember(trx: Parameters<typeof saveRouteState>[0], t: TransferRow, now: string, allocatedOrgId?: number) {
  // A 毕业 transfer to a 团委 ends in the 团支部 the 团委 chose (docs/DOMAIN.md §5a).
  const destination = allocatedOrgId ?? t.to_org_id
  const m = (await findMemberById(trx, t.member_id))!
  const open = await findPendingReviewOfMember(trx, t.member_id)
  let status: { profile_status?: 'approved' } = {}
  if (open && t.kind === 'in_province') {
    await updateReview(trx, open, { org_id: destination })
  } else if (open) {
    await updateReview(trx, open, { state: 'withdrawn', decided_at: now, reason: '团员已转出省外，修改资料申请自动关闭' })
    status = { profile_status: 'approved' }
  }
  await updateMember(trx, m, { org_id: destination, updated_at: now, ...status })
}

/** One decision and one reason for many applications; each succeeds or fails on its own. */
export async function decideTransfers(ctx: AppContext, actor: Actor, body: BatchDecisionBody, meta: RequestMeta) {
  if (body.decision === 'return') {
    const r = checkReason(body.reason)
    if (!r.ok) throw new AppError(r.code)
  }
  const results: { id: number; ok: boolean; code?: string; message?: string; memberName?: string }[] = []
  for (const item of body.items) {
    try {
      const { memberName } = await decideTransfer(ctx, actor, item.id, { decision: body.decision, reason: body.reason, version: item.version }, meta)
      results.push({ id: item.id, ok: true, memberName })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      results.push({ id: item.id, ok: false, code: e.code, message: e.message, ...(await visibleMemberName(ctx, actor, item.id)) })
    }
  }
  return { results }
}

/** The member's name for a failed batch item, when the actor may see that application. */
async function visibleMemberName(ctx: AppContext, actor: Actor, id: number): Promise<{ memberName?: string }> {
  try {
    return { memberName: (await getTransfer(ctx, actor, id)).member.name }
  } catch {
    return {}
  }
}

export interface NewTransfer {
  memberId: number
  fromOrg: OrgRow
  toOrg: OrgRow
  kind: TransferKind
  cause: TransferCause
  causeNote: string | null
  studyWorkUnit: string
  initiator: TransferInitiator
  initiatedBy: number | null
  appliedAt: string
  /** Import only: start at a later node, earlier nodes recorded as agreed. */
  atStep?: number
}

/** The route's input from the two organisations: a non-branch target is a 毕业 团委 (docs/DOMAIN.md §5a). */
export function routeInputOf(n: Pick<NewTransfer, 'kind' | 'initiator' | 'fromOrg' | 'toOrg'>): RouteInput {
  return {
    kind: n.kind,
    initiator: n.initiator,
    fromBranch: { id: n.fromOrg.id, parentId: n.fromOrg.parent_id },
    toBranch: { id: n.toOrg.id, parentId: n.kind === 'in_province' ? n.toOrg.parent_id : null },
    toCommittee: n.kind === 'in_province' && n.toOrg.type !== 'branch',
  }
}

/**
 * The rows of a new application: its route as planRoute makes it (advanced to `atStep` for
 * the import, earlier nodes recorded as agreed) and the application mirroring the pending
 * node. Pure: the live service (insertTransfer) and the import's batches
 * (insertTransferBatch, bff/import/load.ts) write what this answers, so an imported
 * application has exactly the route a live one would have.
 */
export function newTransferRows(n: NewTransfer): NewTransferRows {
  let state = planRoute(routeInputOf(n))
  if (n.atStep) {
    if (state.status === 'awaiting_member') {
      const c = memberConfirms(state)
      if (c.ok) state = c.state
    }
    while (state.status === 'in_progress' && state.currentSeq !== null && state.currentSeq < n.atStep) {
      const r = decideStep(state, state.currentSeq, 'approve')
      if (!r.ok || r.completed) break
      state = r.state
    }
  }
  const current = state.steps.find((s) => s.seq === state.currentSeq)
  return {
    values: {
      member_id: n.memberId,
      kind: n.kind,
      cause: n.cause,
      cause_note: n.causeNote,
      study_work_unit: n.studyWorkUnit,
      from_org_id: n.fromOrg.id,
      to_org_id: n.toOrg.id,
      initiator: n.initiator,
      initiated_by: n.initiatedBy,
      status: state.status,
      current_seq: state.currentSeq,
      current_org_id: current?.orgId ?? null,
      current_role: current?.role ?? null,
      waiting_since: current ? n.appliedAt : null,
      applied_at: n.appliedAt,
    },
    steps: state.steps.map((s) => ({
      seq: s.seq,
      role: s.role,
      org_id: s.orgId,
      state: s.state,
      waiting_since: s.state === 'pending' || s.state === 'approved' ? n.appliedAt : null,
      // Agreed by the initiator or recorded as agreed by the import: time, no person.
      decided_at: s.state === 'approved' ? n.appliedAt : null,
    })),
  }
}

/** Writes a new application and its steps inside the caller's transaction. */
export async function insertTransfer(trx: Parameters<typeof saveRouteState>[0], n: NewTransfer): Promise<number> {
  const rows = newTransferRows(n)
  return insertTransferRows(trx, rows.values, rows.steps)
}
