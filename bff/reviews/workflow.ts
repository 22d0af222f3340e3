/**
 * The profile-review status machine (docs/DOMAIN.md §3) and its real-name gate (§4).
 * Pure: the service loads the facts, asks these functions, and writes what they answer.
 */
import type { Decision, ProfileStatus, RealNameStatus, ReviewKind, ReviewState } from '../../shared/reviews'
import type { LeagueStatus } from '../../shared/members'
import type { Channel } from '../../shared/organizations'
import { approvalGate } from '../../shared/realname-gate'
import { checkReason } from '../../shared/reasons'

export interface ReviewFacts {
  kind: ReviewKind
  state: ReviewState
  realNameStatus: RealNameStatus
  leagueStatus: LeagueStatus
}

type RuleError =
  | 'CONFLICT'
  | 'REASON_REQUIRED'
  | 'REASON_TOO_LONG'
  | 'REALNAME_PENDING'
  | 'REALNAME_OFFLINE_REQUIRED'
  | 'REALNAME_NOT_FAILED'
  | 'LEAGUE_STATUS_ABNORMAL'
  | 'RULE'

export type ReviewOutcome =
  | {
      ok: true
      state: 'approved' | 'returned'
      memberStatus: ProfileStatus
      /** A change request's new values are written to the member only on approval. */
      applyChanges: boolean
      reason: string | null
      realNameStatus?: RealNameStatus
    }
  | { ok: false; code: RuleError }

/** 同意 / 退回 on a pending review. */
export function decideReview(facts: ReviewFacts, decision: Decision, rawReason: string | undefined, channel: Channel): ReviewOutcome {
  if (facts.state !== 'pending') return { ok: false, code: 'CONFLICT' }
  if (decision === 'return') {
    const r = checkReason(rawReason)
    if (!r.ok) return r
    return {
      ok: true,
      state: 'returned',
      memberStatus: facts.kind === 'registration' ? 'registration_returned' : 'change_returned',
      applyChanges: false,
      reason: r.reason,
    }
  }
  if (facts.leagueStatus !== 'normal') return { ok: false, code: 'LEAGUE_STATUS_ABNORMAL' }
  // The real-name gate concerns the registration; a change request of an approved member
  // was verified when it registered.
  if (facts.kind === 'registration') {
    const gate = approvalGate(facts.realNameStatus, channel)
    if (!gate.ok) return { ok: false, code: gate.code }
  }
  return { ok: true, state: 'approved', memberStatus: 'approved', applyChanges: facts.kind === 'change', reason: null }
}

/** PC offline verification of a failed real-name check: approves and marks 线下通过 (docs/DOMAIN.md §4). */
export function offlinePass(facts: ReviewFacts, rawExplanation: string | undefined, channel: Channel): ReviewOutcome {
  if (facts.state !== 'pending') return { ok: false, code: 'CONFLICT' }
  if (facts.kind !== 'registration' || facts.realNameStatus !== 'failed') return { ok: false, code: 'REALNAME_NOT_FAILED' }
  if (channel !== 'pc') return { ok: false, code: 'REALNAME_OFFLINE_REQUIRED' }
  if (facts.leagueStatus !== 'normal') return { ok: false, code: 'LEAGUE_STATUS_ABNORMAL' }
  const r = checkReason(rawExplanation)
  if (!r.ok) return r
  return { ok: true, state: 'approved', memberStatus: 'approved', applyChanges: false, reason: r.reason, realNameStatus: 'offline_passed' }
}

/** Can the member (re)submit a registration? New members, or after 退回 / 撤回. */
export function canSubmitRegistration(current: ProfileStatus | null): boolean {
  return current === null || current === 'registration_returned' || current === 'registration_withdrawn'
}

/** Can the member withdraw? Only a registration still waiting for review. */
export function canWithdrawRegistration(current: ProfileStatus, reviewState: ReviewState): boolean {
  return current === 'registration_pending' && reviewState === 'pending'
}

/** Can the member ask for a change of important data? From approved or after a returned change. */
export function canSubmitChange(current: ProfileStatus): boolean {
  return current === 'approved' || current === 'change_returned'
}
