/**
 * 我的团员 columns in the seed's order (docs/DOMAIN.md §2): 姓名 | 手机号码 | 身份证号码 | 实名认证状态 |
 * 全日制学历 | 民族 | 职业 | 政治面貌 | 添加日期 | 申请报到日期 | 报到资料状态. The seed's "性别" column
 * held 民族 values; 民族 is shown as such. ID and phone are masked by the API, and stay so in
 * the CSV export.
 */
import type { MemberSummary } from '@shared/api/members'
import { PROFILE_STATUSES, REALNAME_STATUSES } from '@shared/reviews'
import { formatDate } from '@/utils/format'
import type { PcColumn } from '../components/table'
import { toCsv } from './csv'

export const MEMBER_COLUMNS: PcColumn<MemberSummary>[] = [
  { key: 'name', title: '姓名', value: (m) => m.name },
  { key: 'mobile', title: '手机号码', value: (m) => m.mobileMasked },
  { key: 'idCard', title: '身份证号码', value: (m) => m.idCardMasked },
  { key: 'realName', title: '实名认证状态', value: (m) => REALNAME_STATUSES[m.realNameStatus] },
  { key: 'education', title: '全日制学历', value: (m) => m.education },
  { key: 'nation', title: '民族', value: (m) => m.nation },
  { key: 'occupation', title: '职业', value: (m) => m.occupation },
  { key: 'politicalOutlook', title: '政治面貌', value: (m) => m.politicalOutlook },
  { key: 'addedAt', title: '添加日期', value: (m) => formatDate(m.addedAt) },
  { key: 'appliedAt', title: '申请报到日期', value: (m) => (m.appliedAt ? formatDate(m.appliedAt) : '') },
  { key: 'profileStatus', title: '报到资料状态', value: (m) => PROFILE_STATUSES[m.profileStatus] },
  // docs/DOMAIN.md §5a: selects the season's graduating class.
  { key: 'expectedGraduation', title: '预计毕业时间', value: (m) => m.expectedGraduation ?? '' },
]

/** The shown page as CSV (masked, UTF-8 with BOM). */
export function membersCsv(rows: readonly MemberSummary[]): string {
  return toCsv(
    MEMBER_COLUMNS.map((c) => c.title),
    rows.map((m) => MEMBER_COLUMNS.map((c) => c.value?.(m) ?? '')),
  )
}
