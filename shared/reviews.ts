/** 报到资料状态, profile reviews and 实名认证. docs/DOMAIN.md §3–§4. */

/** The member's 报到资料状态. */
export const PROFILE_STATUSES = {
  registration_pending: '报到待审核',
  registration_returned: '报到被退回',
  registration_withdrawn: '报到被撤回',
  approved: '审核通过',
  change_pending: '修改资料待审核',
  change_returned: '修改资料被退回',
} as const
export type ProfileStatus = keyof typeof PROFILE_STATUSES

/** Statuses of a registered member (a transfer or a change request needs one of these). */
export const REGISTERED_STATUSES: readonly ProfileStatus[] = ['approved', 'change_pending', 'change_returned']

/** The two kinds of request in the 资料审核 queue. */
export const REVIEW_KINDS = { registration: '团员报到', change: '修改资料' } as const
export type ReviewKind = keyof typeof REVIEW_KINDS

/** A single review request's own state; a resubmission is a new review. */
export const REVIEW_STATES = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
  withdrawn: '已撤回',
} as const
export type ReviewState = keyof typeof REVIEW_STATES

export const REALNAME_STATUSES = {
  pending: '校验中',
  passed: '通过',
  failed: '未通过',
  offline_passed: '线下通过',
} as const
export type RealNameStatus = keyof typeof REALNAME_STATUSES

export const DECISIONS = { approve: '同意', return: '退回' } as const
export type Decision = keyof typeof DECISIONS
