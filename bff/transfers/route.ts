/**
 * The 组织关系转接 route (docs/DOMAIN.md §5), pure.
 *
 * Nodes: 1 转出团支部 · 2 转出团支部的上级 · 3 转入团支部 · 4 转入团支部的上级.
 * Out of province: nodes 1–2 only. Same parent on both sides: node 2 is skipped and that
 * organisation reviews once, at node 4 [decision]. Branch-initiated: node 1 counts as agreed
 * and the flow waits for the member. 退回 anywhere ends the flow; the last 同意 completes it.
 *
 * 毕业 to a 团委/团工委 (docs/DOMAIN.md §5a): 1 转出团支部 · 2 转出团支部的上级 · 3 转入团委 ·
 * 4 待分配 (the same 团委 picks a 团支部 of its subtree; no 退回 there). Node 2 is skipped
 * when the out-parent is the target 团委 itself.
 */
import type { StepRole, StepState, TransferCause, TransferInitiator, TransferKind, TransferStatus } from '../../shared/transfers'
import { ALLOCATING_ORG_TYPES, GRADUATION_CAUSE } from '../../shared/transfers'
import type { Decision } from '../../shared/reviews'

interface RouteStep {
  seq: number
  role: StepRole
  orgId: number
  state: StepState
}

export interface RouteState {
  status: TransferStatus
  /** The pending node, null when none is pending (waiting for the member, or ended). */
  currentSeq: number | null
  steps: RouteStep[]
}

export interface RouteInput {
  kind: TransferKind
  initiator: TransferInitiator
  fromBranch: { id: number; parentId: number | null }
  /** The target branch; for out_of_province the external pseudo-organisation (no node of its own). */
  toBranch: { id: number; parentId: number | null }
  /** 毕业 to a 团委/团工委: `toBranch` is that committee, which reviews and then allocates. */
  toCommittee?: boolean
}

/** The initial route of a new application. */
export function planRoute(input: RouteInput): RouteState {
  const { fromBranch, toBranch } = input
  const steps: RouteStep[] = [{ seq: 1, role: 'out_branch', orgId: fromBranch.id, state: 'waiting' }]
  const toCommittee = input.kind === 'in_province' && !!input.toCommittee
  // The organisation that reviews on the receiving side: the target's parent, or the target 团委 itself.
  const inReviewer = toCommittee ? toBranch.id : toBranch.parentId
  const sameParent = input.kind === 'in_province' && fromBranch.parentId !== null && fromBranch.parentId === inReviewer
  if (fromBranch.parentId !== null) {
    steps.push({ seq: 2, role: 'out_parent', orgId: fromBranch.parentId, state: sameParent ? 'skipped' : 'waiting' })
  }
  if (toCommittee) {
    steps.push({ seq: 3, role: 'in_committee', orgId: toBranch.id, state: 'waiting' })
    steps.push({ seq: 4, role: 'allocate', orgId: toBranch.id, state: 'waiting' })
  } else if (input.kind === 'in_province') {
    steps.push({ seq: 3, role: 'in_branch', orgId: toBranch.id, state: 'waiting' })
    if (toBranch.parentId !== null) steps.push({ seq: 4, role: 'in_parent', orgId: toBranch.parentId, state: 'waiting' })
  }
  if (input.initiator === 'branch') {
    steps[0].state = 'approved'
    return { status: 'awaiting_member', currentSeq: null, steps }
  }
  steps[0].state = 'pending'
  return { status: 'in_progress', currentSeq: 1, steps }
}

/** Moves to the next waiting node, or completes the application when there is none. */
function advance(steps: RouteStep[]): RouteState {
  const next = steps.find((s) => s.state === 'waiting')
  if (!next) return { status: 'completed', currentSeq: null, steps }
  next.state = 'pending'
  return { status: 'in_progress', currentSeq: next.seq, steps }
}

const copy = (s: RouteState): RouteState => ({ ...s, steps: s.steps.map((x) => ({ ...x })) })

export type RouteError = 'CONFLICT' | 'NOT_DECIDABLE' | 'RULE'

/** The message of a 同意/退回 aimed at a 待分配 node, which only allocation ends. */
export const ALLOCATE_BY_CHOICE_MESSAGE = '待分配的毕业转接请选择一个团支部分配；不能接收的请在“转入团委”环节退回'

/** The member confirms a branch-initiated application: node 2 (or the next node) becomes pending. */
export function memberConfirms(state: RouteState): { ok: true; state: RouteState } | { ok: false; code: RouteError } {
  if (state.status !== 'awaiting_member') return { ok: false, code: 'CONFLICT' }
  return { ok: true, state: advance(copy(state).steps) }
}

/** 同意 / 退回 by the organisation of the pending node `seq`. */
export function decideStep(
  state: RouteState,
  seq: number,
  decision: Decision,
): { ok: true; state: RouteState; completed: boolean } | { ok: false; code: RouteError } {
  if (state.status !== 'in_progress' || state.currentSeq !== seq) return { ok: false, code: 'CONFLICT' }
  const next = copy(state)
  const step = next.steps.find((s) => s.seq === seq)!
  if (step.role === 'allocate') return { ok: false, code: 'RULE' }
  if (decision === 'return') {
    step.state = 'returned'
    return { ok: true, state: { status: 'returned', currentSeq: null, steps: next.steps }, completed: false }
  }
  step.state = 'approved'
  const after = advance(next.steps)
  return { ok: true, state: after, completed: after.status === 'completed' }
}

/** 分配: the 团委 at the pending 待分配 node places the graduate; this completes the application. */
export function allocateStep(state: RouteState, seq: number): { ok: true; state: RouteState } | { ok: false; code: RouteError } {
  if (state.status !== 'in_progress' || state.currentSeq !== seq) return { ok: false, code: 'CONFLICT' }
  const next = copy(state)
  const step = next.steps.find((s) => s.seq === seq)!
  if (step.role !== 'allocate') return { ok: false, code: 'RULE' }
  step.state = 'approved'
  return { ok: true, state: advance(next.steps) }
}

/** Why a branch cannot receive an allocated graduate, or null (docs/DOMAIN.md §5a). */
export function allocationProblem(committee: { path: string }, branch: { type: string; path: string }): string | null {
  if (branch.type !== 'branch') return '只能分配到团支部'
  if (branch.path === committee.path || !branch.path.startsWith(committee.path)) return '只能分配到本团委下属的团支部'
  return null
}

/**
 * 撤回: only while the application is open and has not reached node 4
 * (docs/DOMAIN.md §5); the caller checks that the actor is the initiator.
 */
export function canWithdraw(state: Pick<RouteState, 'status' | 'currentSeq'>): boolean {
  if (state.status === 'awaiting_member') return true
  return state.status === 'in_progress' && state.currentSeq !== null && state.currentSeq < 4
}

export type ApplyProblem =
  | 'NOT_REGISTERED'
  | 'LEAGUE_STATUS_ABNORMAL'
  | 'OPEN_TRANSFER'
  | 'TARGET_NOT_BRANCH'
  | 'TARGET_IS_CURRENT'
  | 'TARGET_EXTERNAL'
  | 'KIND_MISMATCH'

export const APPLY_PROBLEM_MESSAGES: Record<ApplyProblem, string> = {
  NOT_REGISTERED: '团员尚未报到成功，不能申请组织关系转接',
  LEAGUE_STATUS_ABNORMAL: '团员团籍状态不正常，不能申请组织关系转接',
  OPEN_TRANSFER: '团员已有正在办理的转接申请',
  TARGET_NOT_BRANCH: '转入组织必须是团支部（转接原因为“毕业”时也可以是团委或团工委）',
  TARGET_IS_CURRENT: '转入团支部不能是团员当前所在的团支部',
  TARGET_EXTERNAL: '省内转接的转入组织不能是省外组织',
  KIND_MISMATCH: '转出省外的申请，转入组织必须为省外组织（external）',
}

/** Preconditions to apply (docs/DOMAIN.md §5). */
export function applyProblem(input: {
  kind: TransferKind
  cause: TransferCause
  registered: boolean
  leagueNormal: boolean
  hasOpenTransfer: boolean
  currentBranchId: number
  target: { id: number; type: string; external: boolean }
}): ApplyProblem | null {
  if (!input.registered) return 'NOT_REGISTERED'
  if (!input.leagueNormal) return 'LEAGUE_STATUS_ABNORMAL'
  if (input.hasOpenTransfer) return 'OPEN_TRANSFER'
  if (input.kind === 'out_of_province') return input.target.external ? null : 'KIND_MISMATCH'
  if (input.target.external) return 'TARGET_EXTERNAL'
  const allocating = input.cause === GRADUATION_CAUSE && ALLOCATING_ORG_TYPES.includes(input.target.type)
  if (input.target.type !== 'branch' && !allocating) return 'TARGET_NOT_BRANCH'
  if (input.target.id === input.currentBranchId) return 'TARGET_IS_CURRENT'
  return null
}

/** Open applications block a new one. */
export const OPEN_TRANSFER_STATUSES: readonly TransferStatus[] = ['in_progress', 'awaiting_member']
