/**
 * Demo members: people who fit their branch (中学生 14–17, 大学生 18–23, young workers
 * 22–33), joined the League at 14 or later (docs/DOMAIN.md §2), and every 报到资料状态 and
 * 实名认证状态 of docs/DOMAIN.md §3–§4 — with failed checks both inside the 24-hour re-check window
 * and past it. A few branches get a fixed set of cases so the demo accounts always have work.
 */
import type { Gender } from '../../../shared/members'
import type { ProfileStatus, RealNameStatus } from '../../../shared/reviews'
import type { ImportMember } from '../format'
import type { Random } from './random'
import type { Branch, BranchKind } from './tree'
import { birthDateFor, idCardFor, mobileFor, personName, regionFor } from './people'

export interface MemberCase {
  status: ProfileStatus
  realName: RealNameStatus
  /** Hours since the registration was submitted; chosen at random when absent. */
  appliedHoursAgo?: number
  leagueStatus?: 'normal' | 'disabled'
}

const HOUR = 3_600_000
const at = (now: Date, hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR).toISOString()

const RETURN_REASONS = [
  '照片不清晰，请重新上传本人近期免冠照片',
  '入团年月填写有误，请核对入团志愿书后重新提交',
  '所在团支部选择错误，请选择现在学习或工作单位的团支部',
  '身份证号码与姓名不一致，请核对后重新提交',
  '全日制学历填写有误，请按实际情况填写',
] as const
const CHANGE_RETURN_REASONS = ['政治面貌变更请补充党组织出具的证明材料', '任现职年月与团委备案不一致，请核对后重新提交'] as const
const HIGH_SCHOOLS = [
  '广州市执信中学', '广东实验中学', '华南师范大学附属中学', '深圳中学', '深圳实验学校', '佛山市第一中学',
  '东莞中学', '中山纪念中学', '湛江第一中学', '汕头市金山中学', '惠州市第一中学', '韶关市第一中学',
] as const

interface Profile {
  age: [number, number]
  education: () => string
  occupation: () => string
  income: () => string | null
}

function profileOf(r: Random, kind: BranchKind): Profile {
  const worker = {
    education: () => r.weighted({ 本科: 50, 大专: 28, 硕士: 10, 中职: 8, 高中: 4 }),
    income: () => r.weighted({ '2000-5000元': 20, '5000-8000元': 40, '8000-10000元': 25, '10000元以上': 15 }),
  }
  switch (kind) {
    case 'school':
      return { age: [14, 17], education: () => '高中在读', occupation: () => '学生', income: () => null }
    case 'university':
      return { age: [18, 23], education: () => '本科在读', occupation: () => '学生', income: () => '2000元以下' }
    case 'company':
      return { age: [22, 32], ...worker, occupation: () => '非公企业职工' }
    case 'state_company':
      return { age: [22, 33], ...worker, occupation: () => '国有企业职工' }
    case 'community':
      return {
        age: [18, 33],
        ...worker,
        occupation: () => r.weighted({ 非公企业职工: 35, 国有企业职工: 10, 机关事业单位职工: 10, 自由职业者: 15, 社会组织员工: 10, 其他: 10, 农民: 2 }),
      }
  }
}

/** A random case, for branches without a fixed set. */
export function randomCase(r: Random): MemberCase {
  const status = r.weighted<ProfileStatus>({
    approved: 62, registration_pending: 14, registration_returned: 6, registration_withdrawn: 4, change_pending: 8, change_returned: 6,
  })
  if (status === 'registration_pending') {
    const realName = r.weighted<RealNameStatus>({ passed: 62, pending: 10, failed: 28, offline_passed: 0 })
    if (realName === 'failed') return { status, realName, appliedHoursAgo: r.chance(0.5) ? r.int(1, 22) : r.int(26, 150) }
    return { status, realName }
  }
  if (status === 'registration_returned' || status === 'registration_withdrawn') return { status, realName: r.chance(0.75) ? 'passed' : 'failed' }
  return { status, realName: r.chance(0.06) ? 'offline_passed' : 'passed', leagueStatus: status === 'approved' && r.chance(0.015) ? 'disabled' : 'normal' }
}

export interface MemberFactory {
  make(branch: Branch, c: MemberCase): ImportMember
}

export function memberFactory(r: Random, now: Date): MemberFactory {
  const idCards = new Set<string>()
  const mobiles = new Set<string>()
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth()
  const month = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`

  return {
    make(branch, c) {
      const p = profileOf(r, branch.kind)
      const gender: Gender = r.chance(0.5) ? 'male' : 'female'
      const birth = birthDateFor(r, r.int(p.age[0], p.age[1]), now)
      // Joined at 14–18, never in the future (docs/DOMAIN.md §2: joining age ≥ 14).
      const birthMonth = birth.getUTCFullYear() * 12 + birth.getUTCMonth()
      const joined = r.int(birthMonth + 14 * 12, Math.min(nowMonth, birthMonth + 18 * 12))
      const education = p.education()
      const times = timesOf(r, c, now)
      const member: ImportMember = {
        org: branch.code,
        name: personName(r, gender),
        idCard: idCardFor(r, regionFor(r, branch.city, branch.kind === 'university'), birth, gender, idCards),
        mobile: mobileFor(r, mobiles),
        nation: r.chance(0.95) ? '汉族' : r.pick(['壮族', '瑶族', '畲族', '回族', '满族', '土家族', '苗族']),
        education,
        highestEducation: education,
        occupation: p.occupation(),
        politicalOutlook: birth.getTime() < now.getTime() - 22 * 365 * 24 * HOUR && r.chance(0.12) ? r.pick(['中共预备党员', '中共党员']) : '共青团员',
        leagueSince: month(joined),
        leagueUnit: branch.kind === 'school' ? branch.unit : r.pick(HIGH_SCHOOLS),
        studyWorkUnit: branch.kind === 'community' && r.chance(0.4) ? null : branch.unit,
        income: p.income(),
        status: c.status,
        realNameStatus: c.realName,
        ...(c.leagueStatus && c.leagueStatus !== 'normal' ? { leagueStatus: c.leagueStatus } : {}),
        ...times,
      }
      if (c.status === 'registration_returned') member.returnReason = r.pick(RETURN_REASONS)
      if (c.status === 'change_returned') member.returnReason = r.pick(CHANGE_RETURN_REASONS)
      return member
    },
  }
}

/** Submission and review times that fit the status (all in the past). */
function timesOf(r: Random, c: MemberCase, now: Date): Pick<ImportMember, 'appliedAt' | 'reviewedAt'> {
  switch (c.status) {
    case 'registration_pending': {
      // A check in flight is minutes old; the others wait up to ten days.
      const hours = c.appliedHoursAgo ?? (c.realName === 'pending' ? r.int(2, 50) / 60 : r.int(1, 240))
      return { appliedAt: at(now, hours) }
    }
    case 'registration_withdrawn':
      return { appliedAt: at(now, c.appliedHoursAgo ?? r.int(48, 480)) }
    case 'registration_returned': {
      const applied = c.appliedHoursAgo ?? r.int(72, 720)
      return { appliedAt: at(now, applied), reviewedAt: at(now, applied - r.int(2, 48)) }
    }
    default: {
      const applied = c.appliedHoursAgo ?? r.int(30, 900) * 24
      return { appliedAt: at(now, applied), reviewedAt: at(now, applied - r.int(2, 72)) }
    }
  }
}
