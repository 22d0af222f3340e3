/** 下级待办 and 催办 (docs/DOMAIN.md §6): what waits at each organisation below this one. */
import { Type, type Static } from 'typebox'
import { Nullable, OrgRef, PageQuery, oneOf, keysOf } from './common'

export const BACKLOG_SORTS = { overdue: '超时最多', oldest: '等待最久', pending: '待办最多' } as const
export type BacklogSort = keyof typeof BACKLOG_SORTS

export const BacklogQuery = Type.Evaluate(Type.Intersect([
  PageQuery,
  Type.Object({
    sort: Type.Optional(keysOf(BACKLOG_SORTS)),
    /** Drill-down: the children of this organisation (inside the caller's subtree) instead of the caller's. */
    under: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
]))
export type BacklogQuery = Static<typeof BacklogQuery>

export const BacklogRow = Type.Object({
  org: OrgRef,
  profileReviewsPending: Type.Integer(),
  transfersPending: Type.Integer(),
  /** Items waiting at this organisation for more than 48 hours (资料审核 and 转接). */
  overdue: Type.Integer(),
  oldestWaitingSince: Nullable(Type.String()),
  /** Organisations directly below it, for drilling down. */
  childCount: Type.Integer(),
  /** A 催办 went to it today (China time): the next one is possible tomorrow. */
  remindedToday: Type.Boolean(),
})
export type BacklogRow = Static<typeof BacklogRow>

export const BacklogItemsQuery = Type.Evaluate(Type.Intersect([
  PageQuery,
  Type.Object({ kind: oneOf(['profile', 'transfer'] as const) }),
]))
export type BacklogItemsQuery = Static<typeof BacklogItemsQuery>

/** One waiting item, read-only for the 团委 (no decision from here). */
export const BacklogItem = Type.Object({
  id: Type.Integer(),
  /** 团员报到 / 修改资料 / 组织关系转接 */
  label: Type.String(),
  member: Type.Object({ id: Type.Integer(), name: Type.String(), idCardMasked: Nullable(Type.String()) }),
  /** For a transfer: 转出 → 转入. */
  detail: Nullable(Type.String()),
  waitingSince: Type.String(),
  overdue: Type.Boolean(),
})
export type BacklogItem = Static<typeof BacklogItem>

export const BacklogOrgParam = Type.Object({ orgId: Type.Integer({ minimum: 1 }) })
export const RemindResult = Type.Object({ sentTo: Type.Integer() })
export type RemindResult = Static<typeof RemindResult>

/** Transfers reaching this organisation's node per week (the season's chart). */
export const BacklogWeekly = Type.Object({ weeks: Type.Array(Type.Object({ weekStart: Type.String(), transfers: Type.Integer() })) })
export type BacklogWeekly = Static<typeof BacklogWeekly>
