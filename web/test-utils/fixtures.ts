/** Small factories of API answers, shaped by the shared schemas. */
import type { Me } from '@shared/api/me'
import type { TransferItem } from '@shared/api/transfers'
import type { OrgRef } from '@shared/api/common'

export const org = (id: number, name: string, type: OrgRef['type'] = 'branch'): OrgRef => ({ id, code: `o${id}`, name, type })

export function me(over: Partial<Me> = {}): Me {
  return {
    account: { id: 1, name: '王运营', kind: 'operator' },
    org: org(10, '广州大学第一团支部'),
    csrfToken: 'csrf-123',
    pcSiteUrl: 'http://localhost:3000/pc/',
    wecom: null,
    notificationsEnabled: true,
    seesBackground: false,
    ...over,
  }
}

export function transferItem(id: number, name: string, over: Partial<TransferItem> = {}): TransferItem {
  return {
    id,
    kind: 'in_province',
    status: 'in_progress',
    version: 3,
    member: { id: 100 + id, name },
    fromOrg: org(10, '广州大学第一团支部'),
    fromParent: org(9, '广州大学团委', 'committee'),
    toOrg: org(20, '深圳大学第二团支部'),
    toParent: org(19, '深圳大学团委', 'committee'),
    allocatedOrg: null,
    studyWorkUnit: '深圳大学',
    appliedAt: '2026-11-20T08:00:00Z',
    currentStep: { seq: 1, role: 'out_branch', org: org(10, '广州大学第一团支部') },
    waitingSince: '2026-11-20T08:00:00Z',
    overdue: false,
    myDecision: null,
    ...over,
  }
}

import type { ProfileReviewDetail } from '@shared/api/reviews'
import type { MemberDetail } from '@shared/api/members'

export function memberDetail(over: Partial<MemberDetail> = {}): MemberDetail {
  return {
    id: 501,
    name: '张三',
    mobileMasked: '138****5678',
    idCardMasked: '4403**********1234',
    realNameStatus: 'passed',
    education: '本科',
    nation: '汉族',
    occupation: '学生',
    politicalOutlook: '共青团员',
    addedAt: '2026-11-20T08:00:00Z',
    appliedAt: '2026-11-20T08:00:00Z',
    profileStatus: 'registration_pending',
    leagueStatus: 'normal',
    expectedGraduation: null,
    org: org(10, '广州大学第一团支部'),
    idCardType: 'resident',
    gender: 'male',
    highestEducation: null,
    leagueSince: '2019-05',
    leagueUnit: '广州市第一中学',
    studyWorkUnit: '广州大学',
    income: null,
    isCadre: false,
    cadreTitle: null,
    cadreSince: null,
    cadreNature: null,
    cadreInPartyCommittee: null,
    memberNo: null,
    reviewedAt: null,
    offline: null,
    pendingReview: null,
    ...over,
  }
}

export function reviewDetail(over: Partial<ProfileReviewDetail> = {}): ProfileReviewDetail {
  const realNameStatus = over.realNameStatus ?? 'passed'
  return {
    id: 5,
    kind: 'registration',
    status: 'pending',
    version: 2,
    member: { id: 501, name: '张三', idCardMasked: '4403**********1234' },
    realNameStatus,
    profileStatus: 'registration_pending',
    submittedAt: '2026-11-24T01:00:00Z',
    decidedAt: null,
    returnReason: null,
    memberDetail: memberDetail({ realNameStatus }),
    changes: [],
    realName: { status: realNameStatus, recheckScheduled: realNameStatus === 'failed', nextRecheckAt: null, offline: null },
    decidedBy: null,
    canDecide: true,
    ...over,
  }
}
