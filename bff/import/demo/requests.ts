/**
 * What members have asked for in the demo: 修改资料 of important data (docs/DOMAIN.md §3) and
 * 组织关系转接 applications (§5) waiting at every node — member- and branch-initiated, in and
 * out of the province, with the same parent on both sides, and overdue (> 48 h).
 */
import { TRANSFER_OVERDUE_HOURS } from '../../../shared/limits'
import { EXTERNAL_ORG_CODE } from '../../../shared/organizations'
import type { ImportChangeRequest, ImportMember, ImportTransfer } from '../format'
import type { Random } from './random'
import type { Branch } from './tree'

const HOUR = 3_600_000
const at = (now: Date, hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR).toISOString()
const INCOME_BANDS = ['2000-5000元', '5000-8000元', '8000-10000元', '10000元以上'] as const
const CADRE_TITLES = ['团支部书记', '团支部副书记', '团支部组织委员', '团支部宣传委员'] as const

/** One to two important changes that really differ from the member's data. */
export function changeRequestFor(r: Random, m: ImportMember, now: Date): ImportChangeRequest {
  const options: ImportChangeRequest['changes'][] = []
  if (m.politicalOutlook === '共青团员' && m.occupation !== '学生') options.push({ politicalOutlook: '中共预备党员' })
  if (m.politicalOutlook === '中共预备党员') options.push({ politicalOutlook: '中共党员' })
  if (m.income && m.income !== '2000元以下') options.push({ income: r.pick(INCOME_BANDS.filter((b) => b !== m.income)) })
  const since = new Date(now.getTime() - r.int(5, 300) * 24 * HOUR).toISOString().slice(0, 7)
  options.push({ isCadre: true, cadreTitle: r.pick(CADRE_TITLES), cadreNature: '兼职', cadreSince: since, cadreInPartyCommittee: false })
  const first = r.int(0, options.length - 1)
  const changes = { ...options[first], ...(options.length > 1 && r.chance(0.3) ? options[(first + 1) % options.length] : {}) }
  return { idCard: m.idCard, changes, submittedAt: at(now, r.int(1, 140)) }
}

export interface TransferPlan {
  from: Branch
  /** A branch, or null for out of the province. */
  to: Branch | null
  initiator: 'member' | 'branch'
  atStep?: number
  hoursAgo: number
  otherCause?: boolean
}

const OUT_OF_PROVINCE_UNITS = ['湖南大学', '长沙市岳麓区麓谷科技有限公司', '南昌大学', '广西壮族自治区南宁市青秀区人民医院', '福州大学', '成都市高新区天府软件园某科技公司'] as const
const OTHER_CAUSE_NOTES = [
  '家庭住址变更，需转至现居住地所在社区团组织',
  '长期在外地实习，申请转至实习单位所在地团组织',
  '随父母工作调动迁居，需就近参加团组织生活',
] as const

/** One application; the member is approved with 团籍 正常 (the caller picked it). */
export function transferFor(r: Random, m: ImportMember, plan: TransferPlan, now: Date): ImportTransfer {
  const out = plan.to === null
  const cause = plan.otherCause ? '其他原因' : plan.from.kind === 'university' || plan.from.kind === 'school' ? '升学/转学' : '就业/工作调动'
  return {
    idCard: m.idCard,
    to: out ? EXTERNAL_ORG_CODE : plan.to!.code,
    kind: out ? 'out_of_province' : 'in_province',
    cause,
    ...(cause === '其他原因' ? { causeNote: r.pick(OTHER_CAUSE_NOTES) } : {}),
    studyWorkUnit: out ? r.pick(OUT_OF_PROVINCE_UNITS) : plan.to!.unit,
    appliedAt: at(now, plan.hoursAgo),
    initiator: plan.initiator,
    ...(plan.atStep ? { atStep: plan.atStep } : {}),
  }
}

/** A random plan from `from`: a valid node to wait at, a sibling branch now and then, some overdue. */
export function randomTransferPlan(r: Random, from: Branch, branches: Branch[]): TransferPlan {
  const hoursAgo = r.chance(0.3) ? r.int(TRANSFER_OVERDUE_HOURS + 1, 200) : r.int(1, TRANSFER_OVERDUE_HOURS - 1)
  const initiator = r.chance(0.25) ? 'branch' : 'member'
  const otherCause = r.chance(0.12)
  if (r.chance(0.2)) return { from, to: null, initiator, atStep: pickStep(r, [1, 2], initiator), hoursAgo, otherCause }
  const siblings = branches.filter((b) => b.parent === from.parent && b.code !== from.code)
  const others = branches.filter((b) => b.code !== from.code)
  const to = siblings.length > 0 && r.chance(0.35) ? r.pick(siblings) : r.pick(others)
  // Same parent: node 2 is skipped (docs/DOMAIN.md §5), so the application never waits there.
  const steps = to.parent === from.parent ? [1, 3, 4] : [1, 2, 3, 4]
  return { from, to, initiator, atStep: pickStep(r, steps, initiator), hoursAgo, otherCause }
}

/** A branch-initiated application starts with node 1 agreed: it waits for the member (no atStep) or later. */
function pickStep(r: Random, steps: number[], initiator: 'member' | 'branch'): number | undefined {
  const choices = initiator === 'branch' ? [undefined, ...steps.filter((s) => s > 1)] : steps
  return r.pick(choices)
}
