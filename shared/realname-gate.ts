import type { RealNameStatus } from './reviews'
import type { Channel } from './organizations'

/**
 * The real-name gate on approving a registration (docs/DOMAIN.md §4):
 * passed / offline_passed → allowed; pending → wait; failed → never on mobile,
 * on PC only through the offline verification (explanation + photos).
 * Returning is always allowed, so only approval goes through this gate.
 */
export type ApprovalGate =
  | { ok: true }
  | { ok: false; code: 'REALNAME_PENDING' }
  | { ok: false; code: 'REALNAME_OFFLINE_REQUIRED'; offlineOnPc: boolean }

export function approvalGate(status: RealNameStatus, channel: Channel): ApprovalGate {
  switch (status) {
    case 'passed':
    case 'offline_passed':
      return { ok: true }
    case 'pending':
      return { ok: false, code: 'REALNAME_PENDING' }
    case 'failed':
      return { ok: false, code: 'REALNAME_OFFLINE_REQUIRED', offlineOnPc: channel === 'pc' }
  }
}

