/**
 * The graduation season in the demo (docs/DOMAIN.md §5a, issue #14): a senior class of 深圳大学
 * whose members carry 预计毕业时间, part of it already on its way to two 街道团工委 (waiting for
 * the graduate, at the 团总支, at 转入团委 and at 待分配 — some past 48 hours), the rest still
 * to be sent in one action. Drawn after the rest of the demo, so the other data stays as it was.
 */
import { GRADUATION_CAUSE } from '../../../shared/transfers'
import type { ImportMember, ImportOrganization, ImportTransfer } from '../format'
import type { MemberFactory } from './members'
import type { Random } from './random'
import type { Branch } from './tree'

export const GRADUATING_CLASS_CODE = 'szu-grad-1'
/** The 街道团工委 that receive the class: 粤海 (徐杰) and 华强北 (林晓燕). */
export const RECEIVING_COMMITTEES = ['sz-ns-yh', 'sz-ft-hqb'] as const

const HOUR = 3_600_000
export const GRADUATING_CLASS_SIZE = 26
const WORKPLACES = [
  '深圳市南山区腾飞科技有限公司', '深圳市南山区粤海街道科技园某软件公司', '深圳湾实验室', '深圳市福田区华强北电子市场某公司',
  '深圳市福田区华强北街道办事处', '深圳市星河数码科技有限公司',
] as const

/** The month this season's class graduates: June of this year until October (the season), else next June. */
export function seasonGraduation(now: Date): string {
  const year = now.getUTCFullYear() + (now.getUTCMonth() > 9 ? 1 : 0)
  return `${year}-06`
}

/** 预计毕业时间 of a university class from its grade (本科 four years): 2023级 → 2027-06. */
export function graduationOfClass(branchName: string): string | null {
  const grade = /(\d{4})级/.exec(branchName)?.[1]
  return grade ? `${Number(grade) + 4}-06` : null
}

interface Plan {
  to: (typeof RECEIVING_COMMITTEES)[number]
  /** Omitted: waiting for the graduate's confirmation. 2 团总支 · 3 转入团委 · 4 待分配. */
  atStep?: 2 | 3 | 4
  hoursAgo: number
}

/** Spread over the last ten days, as a school sends its class in a few rounds. */
const IN_FLIGHT: Plan[] = [
  { to: 'sz-ns-yh', atStep: 4, hoursAgo: 230 },
  { to: 'sz-ns-yh', atStep: 4, hoursAgo: 205 },
  { to: 'sz-ns-yh', atStep: 4, hoursAgo: 130 },
  { to: 'sz-ns-yh', atStep: 4, hoursAgo: 100 },
  { to: 'sz-ns-yh', atStep: 4, hoursAgo: 30 },
  { to: 'sz-ns-yh', atStep: 4, hoursAgo: 28 },
  { to: 'sz-ns-yh', atStep: 3, hoursAgo: 76 },
  { to: 'sz-ns-yh', atStep: 3, hoursAgo: 20 },
  { to: 'sz-ft-hqb', atStep: 4, hoursAgo: 150 },
  { to: 'sz-ft-hqb', atStep: 4, hoursAgo: 44 },
  { to: 'sz-ft-hqb', atStep: 3, hoursAgo: 60 },
  { to: 'sz-ns-yh', atStep: 2, hoursAgo: 54 },
  { to: 'sz-ft-hqb', hoursAgo: 9 },
]

export function graduationSeason(r: Random, factory: MemberFactory, now: Date): {
  organization: ImportOrganization
  members: ImportMember[]
  transfers: ImportTransfer[]
} {
  const graduation = seasonGraduation(now)
  const grade = Number(graduation.slice(0, 4)) - 4
  const branch: Branch = {
    code: GRADUATING_CLASS_CODE,
    // A major none of the generated classes use, so the name stays unique at any size.
    name: `深圳大学数据科学与大数据技术${grade}级1班团支部`,
    parent: 'szu-cs',
    kind: 'university',
    city: 'sz',
    unit: '深圳大学',
  }
  const members: ImportMember[] = []
  for (let i = 0; i < GRADUATING_CLASS_SIZE; i++) {
    // Seniors, registered long ago; one with 团籍 not 正常, so the batch shows a refusal with its reason.
    const c = i === GRADUATING_CLASS_SIZE - 1 ? { status: 'approved' as const, realName: 'passed' as const, leagueStatus: 'disabled' as const } : { status: 'approved' as const, realName: 'passed' as const }
    members.push({ ...factory.make(branch, c), expectedGraduation: graduation })
  }
  const transfers = IN_FLIGHT.map((p, i): ImportTransfer => ({
    idCard: members[i].idCard,
    to: p.to,
    kind: 'in_province',
    cause: GRADUATION_CAUSE,
    studyWorkUnit: r.pick(WORKPLACES),
    appliedAt: new Date(now.getTime() - p.hoursAgo * HOUR).toISOString(),
    initiator: 'branch',
    ...(p.atStep ? { atStep: p.atStep } : {}),
  }))
  return { organization: { code: branch.code, name: branch.name, type: 'branch', parent: branch.parent }, members, transfers }
}
