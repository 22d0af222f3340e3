import { Type, type Static } from 'typebox'
import { keysOf, Nullable, OrgRef, PageQuery, AccountRef, oneOf } from './common'
import { TRANSFER_KINDS, TRANSFER_STATUSES, STEP_ROLES, STEP_STATES, TRANSFER_BOXES, TRANSFER_INITIATORS, TRANSFER_CAUSES } from '../transfers'
import { DECISIONS } from '../reviews'
import { BATCH_MAX } from '../limits'
import { Reason } from './reviews'

export const TransferListQuery = Type.Evaluate(Type.Intersect([
  PageQuery,
  Type.Object({
    box: Type.Optional(keysOf(TRANSFER_BOXES)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  }),
]))
export type TransferListQuery = Static<typeof TransferListQuery>

const StepRef = Type.Object({ seq: Type.Integer(), role: keysOf(STEP_ROLES), org: OrgRef })

export const TransferItem = Type.Object({
  id: Type.Integer(),
  kind: keysOf(TRANSFER_KINDS),
  status: keysOf(TRANSFER_STATUSES),
  version: Type.Integer(),
  member: Type.Object({ id: Type.Integer(), name: Type.String() }),
  fromOrg: OrgRef,
  fromParent: Nullable(OrgRef),
  toOrg: OrgRef,
  toParent: Nullable(OrgRef),
  /** 毕业 to a 团委: the 团支部 it allocated the graduate to (docs/DOMAIN.md §5a). */
  allocatedOrg: Nullable(OrgRef),
  studyWorkUnit: Type.String(),
  appliedAt: Type.String(),
  currentStep: Nullable(StepRef),
  waitingSince: Nullable(Type.String()),
  overdue: Type.Boolean(),
  /** In the `done` box: when this organisation decided, and how. */
  myDecision: Nullable(Type.Object({ state: keysOf(STEP_STATES), decidedAt: Type.String() })),
})
export type TransferItem = Static<typeof TransferItem>

const TransferStep = Type.Object({
  seq: Type.Integer(),
  role: keysOf(STEP_ROLES),
  org: OrgRef,
  state: keysOf(STEP_STATES),
  waitingSince: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(AccountRef),
  reason: Nullable(Type.String()),
})
type TransferStep = Static<typeof TransferStep>

export const TransferDetail = Type.Evaluate(Type.Intersect([
  TransferItem,
  Type.Object({
    cause: oneOf(TRANSFER_CAUSES),
    causeNote: Nullable(Type.String()),
    initiator: keysOf(TRANSFER_INITIATORS),
    steps: Type.Array(TransferStep),
    endReason: Nullable(Type.String()),
    completedAt: Nullable(Type.String()),
    canDecide: Type.Boolean(),
    canWithdraw: Type.Boolean(),
  }),
]))
export type TransferDetail = Static<typeof TransferDetail>

export const TransferDecisionBody = Type.Object({
  decision: keysOf(DECISIONS),
  reason: Type.Optional(Reason),
  version: Type.Integer({ minimum: 0 }),
})

export const BatchDecisionBody = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 0 }) }), {
    minItems: 1,
    maxItems: BATCH_MAX,
  }),
  decision: keysOf(DECISIONS),
  reason: Type.Optional(Reason),
})
export type BatchDecisionBody = Static<typeof BatchDecisionBody>

export const BatchResult = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Type.Integer(),
      ok: Type.Boolean(),
      code: Type.Optional(Type.String()),
      message: Type.Optional(Type.String()),
      memberName: Type.Optional(Type.String()),
    }),
  ),
})
export type BatchResult = Static<typeof BatchResult>

/** A 团支部 starts a transfer for its member (docs/DOMAIN.md §5: only a branch may initiate). */
export const InitiateTransferBody = Type.Object({
  memberId: Type.Integer({ minimum: 1 }),
  /** The target by id (the PC form: its picker shows no codes outside one's subtree) … */
  toOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** … or by code (转出省外: the code of 省外组织). Exactly one of the two. */
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  kind: keysOf(TRANSFER_KINDS),
  cause: oneOf(TRANSFER_CAUSES),
  causeNote: Type.Optional(Type.String({ maxLength: 500 })),
  studyWorkUnit: Type.String({ minLength: 1, maxLength: 200 }),
})
export type InitiateTransferBody = Static<typeof InitiateTransferBody>

export const WithdrawBody = Type.Object({ reason: Type.Optional(Reason), version: Type.Integer({ minimum: 0 }) })

/** 毕业 batch initiation by a 团支部 (docs/DOMAIN.md §5a): one target, one cause, per-member results. */
export const BatchInitiateBody = Type.Object({
  memberIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: BATCH_MAX, uniqueItems: true }),
  targetOrgId: Type.Integer({ minimum: 1 }),
  cause: oneOf(TRANSFER_CAUSES),
  causeNote: Type.Optional(Type.String({ maxLength: 500 })),
  studyWorkUnit: Type.Optional(Type.String({ maxLength: 200 })),
})
export type BatchInitiateBody = Static<typeof BatchInitiateBody>

export const BatchInitiateResult = Type.Object({
  results: Type.Array(
    Type.Object({
      memberId: Type.Integer(),
      ok: Type.Boolean(),
      transferId: Type.Optional(Type.Integer()),
      code: Type.Optional(Type.String()),
      message: Type.Optional(Type.String()),
      memberName: Type.Optional(Type.String()),
    }),
  ),
})
export type BatchInitiateResult = Static<typeof BatchInitiateResult>

/** 分配 of one graduate waiting at 待分配 to a 团支部 of the 团委's subtree. */
export const AllocationBody = Type.Object({ branchOrgId: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 0 }) })
export type AllocationBody = Static<typeof AllocationBody>

/** Batch 分配: many graduates to one 团支部, per-item results (the shape of BatchResult). */
export const BatchAllocationBody = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 0 }) }), {
    minItems: 1,
    maxItems: BATCH_MAX,
  }),
  branchOrgId: Type.Integer({ minimum: 1 }),
})
export type BatchAllocationBody = Static<typeof BatchAllocationBody>
