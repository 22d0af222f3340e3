import { Type, type Static } from 'typebox'
import { keysOf, Nullable, PageQuery, AccountRef } from './common'
import { REVIEW_KINDS, REVIEW_STATES, REALNAME_STATUSES, DECISIONS, PROFILE_STATUSES } from '../reviews'
import { MemberDetail, OfflineProof } from './members'

export const ProfileReviewListQuery = Type.Evaluate(Type.Intersect([
  PageQuery,
  Type.Object({
    state: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('handled')])),
    kind: Type.Optional(keysOf(REVIEW_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  }),
]))
export type ProfileReviewListQuery = Static<typeof ProfileReviewListQuery>

export const ProfileReviewItem = Type.Object({
  id: Type.Integer(),
  kind: keysOf(REVIEW_KINDS),
  status: keysOf(REVIEW_STATES),
  version: Type.Integer(),
  member: Type.Object({ id: Type.Integer(), name: Type.String(), idCardMasked: Type.String() }),
  realNameStatus: keysOf(REALNAME_STATUSES),
  profileStatus: keysOf(PROFILE_STATUSES),
  submittedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
})
export type ProfileReviewItem = Static<typeof ProfileReviewItem>

export const ProfileChange = Type.Object({
  field: Type.String(),
  label: Type.String(),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
})
export type ProfileChange = Static<typeof ProfileChange>

export const RealNameInfo = Type.Object({
  status: keysOf(REALNAME_STATUSES),
  /** A failed check will still be retried automatically (within 24 h of submission). */
  recheckScheduled: Type.Boolean(),
  nextRecheckAt: Nullable(Type.String()),
  offline: Nullable(OfflineProof),

})
export type RealNameInfo = Static<typeof RealNameInfo>

export const ProfileReviewDetail = Type.Evaluate(Type.Intersect([
  ProfileReviewItem,
  Type.Object({
    memberDetail: MemberDetail,
    changes: Type.Array(ProfileChange),
    realName: RealNameInfo,
    decidedBy: Nullable(AccountRef),
    canDecide: Type.Boolean(),
  }),
]))
export type ProfileReviewDetail = Static<typeof ProfileReviewDetail>

export const Reason = Type.String({ maxLength: 2000 })

export const DecisionBody = Type.Object({
  decision: keysOf(DECISIONS),
  reason: Type.Optional(Reason),
  version: Type.Integer({ minimum: 0 }),
})
export type DecisionBody = Static<typeof DecisionBody>


