/**
 * 团员资料 as labelled rows, grouped as the seed groups them; the mobile cells and the PC
 * grids both render these. ID and phone come masked from the API (docs/DOMAIN.md §2); 民族 is its
 * own row (the seed's "性别" column actually held 民族).
 */
import type { MemberDetail } from '@shared/api/members'
import { ID_CARD_TYPES, GENDERS, LEAGUE_STATUSES } from '@shared/members'
import { PROFILE_STATUSES, REALNAME_STATUSES } from '@shared/reviews'
import { formatDate, formatDateTime, orDash, yesNo } from '@/utils/format'

type Row = readonly [label: string, value: string]

function memberRows(m: MemberDetail) {
  const basic: Row[] = [
    ['姓名', m.name],
    ['证件类型', ID_CARD_TYPES[m.idCardType]],
    ['身份证号码', m.idCardMasked],
    ['性别', GENDERS[m.gender]],
    ['民族', m.nation],
    ['手机号码', m.mobileMasked],
  ]
  const league: Row[] = [
    ['全日制学历', m.education],
    ['最高学历', orDash(m.highestEducation)],
    ['职业', m.occupation],
    ['学习工作单位', orDash(m.studyWorkUnit)],
    ['收入', orDash(m.income)],
    ['政治面貌', m.politicalOutlook],
    ['入团年月', m.leagueSince],
    ['入团时所在单位', orDash(m.leagueUnit)],
    ['团员编号', orDash(m.memberNo)],
    ['所在团支部', m.org.name],
  ]
  const cadre: Row[] = m.isCadre
    ? [
        ['是否担任团干职务', '是'],
        ['职务', orDash(m.cadreTitle)],
        ['任现职年月', orDash(m.cadreSince)],
        ['团干部性质', orDash(m.cadreNature)],
        ['是否同级党委成员', yesNo(m.cadreInPartyCommittee)],
      ]
    : [['是否担任团干职务', '否']]
  const status: Row[] = [
    ['报到资料状态', PROFILE_STATUSES[m.profileStatus]],
    ['实名认证状态', REALNAME_STATUSES[m.realNameStatus]],
    ['团籍状态', LEAGUE_STATUSES[m.leagueStatus]],
    ['添加日期', formatDate(m.addedAt)],
    ['申请报到日期', formatDate(m.appliedAt)],
    ['资料审核时间', formatDateTime(m.reviewedAt)],
  ]
  return { basic, league, cadre, status }
}

export interface MemberSection {
  title: string
  rows: Row[]
}

/** The sections in the order both screens show them; 状态 only where the screen has no status of its own. */
export function memberSections(m: MemberDetail, showStatus = true): MemberSection[] {
  const { basic, league, cadre, status } = memberRows(m)
  return [
    { title: '基本信息', rows: basic },
    { title: '团员信息', rows: league },
    { title: '团干信息', rows: cadre },
    ...(showStatus ? [{ title: '状态', rows: status }] : []),
  ]
}
