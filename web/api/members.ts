import type { PageOf } from '@shared/api/common'
import type { MemberSummary, MemberDetail, RevealedIdCard } from '@shared/api/members'
import type { ProfileStatus, RealNameStatus } from '@shared/reviews'
import { request } from './http'

export interface MemberQuery {
  q?: string
  cursor?: string | null
  limit?: number
  /** The PC's 我的团员 filters (MemberListQuery). */
  profileStatus?: ProfileStatus
  realNameStatus?: RealNameStatus
  education?: string
  mobile?: string
  /** 预计毕业时间, yyyy-MM. */
  expectedGraduation?: string
}

export const listMembers = (query: MemberQuery) => request<PageOf<MemberSummary>>('GET', '/api/members', { query: { ...query } })
export const getMember = (id: number) => request<MemberDetail>('GET', `/api/members/${id}`)
/** 显示完整号码: the full ID number, audited server-side (docs/DOMAIN.md §6a). */
export const revealIdCard = (id: number) => request<RevealedIdCard>('POST', `/api/members/${id}/reveal-id-card`, { body: {} })
/** 预计毕业时间 (yyyy-MM, or null to clear), by the member's own 团支部; audited (docs/DOMAIN.md §5a). */
export const setExpectedGraduation = (id: number, expectedGraduation: string | null) =>
  request<MemberDetail>('PUT', `/api/members/${id}/expected-graduation`, { body: { expectedGraduation } })
