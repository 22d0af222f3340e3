/**
 * The 组织关系转接 route (docs/DOMAIN.md §5), pure.
 *
 * Nodes: 1 转出团支部 · 2 转出团支部的上级 · 3 转入团支部 · 4 转入团支部的上级.
 * Out of province: nodes 1–2 only. Same parent on both sides: node 2 is skipped and that
 * organisation reviews once, at node 4 [decision]. Branch-initiated: node 1 counts as agreed
 * and the flow waits for the member. 退回 anywhere ends the flow; the last 同意 completes it.
 */
import type { StepRole, StepState, TransferInitiator, TransferKind, TransferStatus } from '../../shared/transfers'
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
}

/** The initial route of a new application. */
export function planRoute(input: RouteInput): RouteState {
  const { fromBranch, toBranch } = input
  const steps: RouteStep[] = [{ seq: 1, role: 'out_branch', orgId: fromBranch.id, state: 'waiting' }]
  const sameParent = input.kind === 'in_province' && fromBranch.parentId !== null && fromBranch.parentId === toBranch.parentId
  if (fromBranch.parentId !== null) {
    steps.push({ seq: 2, role: 'out_parent', orgId: fromBranch.parentId, state: sameParent ? 'skipped' : 'waiting' })
  }
  if (input.kind === 'in_province') {
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
  if (decision === 'return') {
    step.state = 'returned'
    return { ok: true, state: { status: 'returned', currentSeq: null, steps: next.steps }, completed: false }
  }
  step.state = 'approved'
  const after = advance(next.steps)
  return { ok: true, state: after, completed: after.status === 'completed' }
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
  TARGET_NOT_BRANCH: '转入组织必须是团支部',
  TARGET_IS_CURRENT: '转入团支部不能是团员当前所在的团支部',
  TARGET_EXTERNAL: '省内转接的转入组织不能是省外组织',
  KIND_MISMATCH: '转出省外的申请，转入组织必须为省外组织（external）',
}

/** Preconditions to apply (docs/DOMAIN.md §5). */
export function applyProblem(input: {
  kind: TransferKind
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
  if (input.target.type !== 'branch') return 'TARGET_NOT_BRANCH'
  if (input.target.id === input.currentBranchId) return 'TARGET_IS_CURRENT'
  return null
}

/** Open applications block a new one. */
export const OPEN_TRANSFER_STATUSES: readonly TransferStatus[] = ['in_progress', 'awaiting_member']
