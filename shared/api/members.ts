import { Type, type Static } from 'typebox'
import { keysOf, Nullable, OrgRef, PageQuery } from './common'
import { PROFILE_STATUSES, REALNAME_STATUSES } from '../reviews'
import { ID_CARD_TYPES, LEAGUE_STATUSES, GENDERS } from '../members'

/** A row of 团员查询 / 我的团员: personal numbers masked (docs/DOMAIN.md §2). */
export const MemberSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  mobileMasked: Type.String(),
  idCardMasked: Type.String(),
  realNameStatus: keysOf(REALNAME_STATUSES),
  education: Type.String(),
  nation: Type.String(),
  occupation: Type.String(),
  politicalOutlook: Type.String(),
  addedAt: Type.String(),
  appliedAt: Nullable(Type.String()),
  profileStatus: keysOf(PROFILE_STATUSES),
  leagueStatus: keysOf(LEAGUE_STATUSES),
  /** 预计毕业时间, yyyy-MM (docs/DOMAIN.md §5a). */
  expectedGraduation: Nullable(Type.String()),
  org: OrgRef,
})
export type MemberSummary = Static<typeof MemberSummary>

/** 线下通过: the explanation and the photos (photos only for the member's own organisation). */
export const OfflineProof = Type.Object({
  explanation: Type.String(),
  verifiedAt: Type.String(),
  verifiedBy: Type.String(),
  photos: Type.Array(Type.Object({ id: Type.Integer(), url: Type.String() })),
  /** When the photos were deleted, PHOTO_RETENTION_DAYS after the verification; null while kept. */
  photosDeletedAt: Nullable(Type.String()),
})
export type OfflineProof = Static<typeof OfflineProof>

export const MemberDetail = Type.Evaluate(Type.Intersect([
  MemberSummary,
  Type.Object({
    idCardType: keysOf(ID_CARD_TYPES),
    gender: keysOf(GENDERS),
    highestEducation: Nullable(Type.String()),
    leagueSince: Type.String(),
    leagueUnit: Nullable(Type.String()),
    studyWorkUnit: Nullable(Type.String()),
    income: Nullable(Type.String()),
    isCadre: Type.Boolean(),
    cadreTitle: Nullable(Type.String()),
    cadreSince: Nullable(Type.String()),
    cadreNature: Nullable(Type.String()),
    cadreInPartyCommittee: Nullable(Type.Boolean()),
    memberNo: Nullable(Type.String()),
    reviewedAt: Nullable(Type.String()),
    /** The member's open 资料审核 request, if any (PC: 资料审核 for the selected member). */
    offline: Nullable(OfflineProof),
    pendingReview: Nullable(Type.Object({ id: Type.Integer(), kind: Type.Enum(['registration', 'change']), version: Type.Integer() })),
  }),
]))
export type MemberDetail = Static<typeof MemberDetail>

export const MemberListQuery = Type.Evaluate(Type.Intersect([
  PageQuery,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 50 })),
    profileStatus: Type.Optional(keysOf(PROFILE_STATUSES)),
    realNameStatus: Type.Optional(keysOf(REALNAME_STATUSES)),
    education: Type.Optional(Type.String({ maxLength: 20 })),
    mobile: Type.Optional(Type.String({ maxLength: 11 })),
    /** 预计毕业时间 (yyyy-MM): the graduating class of the season. */
    expectedGraduation: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
  }),
]))
export type MemberListQuery = Static<typeof MemberListQuery>

/** POST /api/members/:id/reveal-id-card: the full number, audited (docs/DOMAIN.md §6a). */
export const RevealedIdCard = Type.Object({ idCard: Type.String() })
export type RevealedIdCard = Static<typeof RevealedIdCard>

/** PUT /api/members/:id/expected-graduation: 预计毕业时间 (yyyy-MM) or null to clear it (docs/DOMAIN.md §5a). */
export const ExpectedGraduationBody = Type.Object({ expectedGraduation: Nullable(Type.String({ maxLength: 20 })) })
export type ExpectedGraduationBody = Static<typeof ExpectedGraduationBody>
