/**
 * `transfers` (docs/DOMAIN.md §5): pending 组织关系转接 applications. The preconditions are the
 * ones the integration API applies (bff/transfers/route.ts applyProblem); a member has one
 * open application at a time, counting those already in the database. `atStep` (docs/CONTRACT.md)
 * must name a node the application really waits at: 1–2 out of the province, 1–4 inside;
 * not 1 when a branch initiated (its node 1 is the initiator's own 同意), not 2 when both
 * branches share a parent (that node is skipped and the parent reviews once, at node 4).
 */
import { EXTERNAL_ORG_CODE } from '../../shared/organizations'
import { normalizeIdCard } from '../../shared/idcard'
import { REGISTERED_STATUSES } from '../../shared/reviews'
import { TRANSFER_CAUSES, TRANSFER_INITIATORS, TRANSFER_KINDS } from '../../shared/transfers'
import { TRANSFER_OTHER_CAUSE_MIN } from '../../shared/limits'
import { applyProblem, APPLY_PROBLEM_MESSAGES } from '../transfers/route'
import type { ValidTransfer } from './format'
import type { MemberLookup } from './validate-members'
import type { OrgLookup } from './validate-orgs'
import { FieldReader, sectionRecords } from './fields'
import { shown, type ProblemList } from './problems'

const FIELDS = ['idCard', 'to', 'kind', 'cause', 'causeNote', 'studyWorkUnit', 'appliedAt', 'initiator', 'atStep'] as const

export function validateTransfers(
  file: Record<string, unknown>,
  orgs: OrgLookup,
  members: MemberLookup,
  now: Date,
  problems: ProblemList,
): ValidTransfer[] {
  const out: ValidTransfer[] = []
  const openAt = new Map<string, number>()
  // applyProblem compares organisations by id; within the file a code is the identity.
  const ids = new Map<string, number>()
  const idOf = (code: string) => {
    if (!ids.has(code)) ids.set(code, ids.size + 1)
    return ids.get(code)!
  }

  for (const { record, base, index } of sectionRecords(file, 'transfers', problems)) {
    const f = new FieldReader(record, base, problems, FIELDS)
    const raw = f.text('idCard', { required: true, max: 32 })
    const idCard = raw === null ? '' : normalizeIdCard(raw)
    const to = f.text('to', { required: true, max: 64 })
    const kind = f.code('kind', TRANSFER_KINDS, '转接类型', true)
    const cause = f.choice('cause', TRANSFER_CAUSES, '转接原因', true)
    const causeNote = f.text('causeNote', { max: 500 })
    const studyWorkUnit = f.text('studyWorkUnit', { required: true, max: 200 })
    const appliedAt = f.time('appliedAt', now) ?? now.toISOString()
    const initiator = f.code('initiator', TRANSFER_INITIATORS, '发起方') ?? 'member'
    const atStep = f.integer('atStep', 1, 4)

    if (cause === '其他原因' && [...(causeNote ?? '').trim()].length < TRANSFER_OTHER_CAUSE_MIN) {
      problems.add(f.path('causeNote'), `转接原因为“其他原因”时，请填写不少于${TRANSFER_OTHER_CAUSE_MIN}个字的说明`)
    }
    const member = idCard ? members.get(idCard) : undefined
    if (idCard && !member) problems.add(f.path('idCard'), '未找到该身份证号码对应的团员（既不在 members 中，也不在数据库中）')
    const target = to === null ? undefined : orgs.get(to)
    if (to !== null && !target) problems.add(f.path('to'), `转入组织${shown(to)}不存在（既不在文件中，也不在数据库中）`)

    if (member && target && target.type !== null && kind && to !== null) {
      const problem = applyProblem({
        kind,
        cause: cause ?? '其他原因',
        registered: REGISTERED_STATUSES.includes(member.status),
        leagueNormal: member.leagueStatus === 'normal',
        hasOpenTransfer: member.openTransfer || openAt.has(idCard),
        currentBranchId: idOf(member.org),
        target: { id: idOf(to), type: target.type, external: to === EXTERNAL_ORG_CODE },
      })
      if (problem === 'OPEN_TRANSFER' && openAt.has(idCard)) {
        problems.add(f.path('idCard'), `${APPLY_PROBLEM_MESSAGES[problem]}（transfers[${openAt.get(idCard)}]）`)
      } else if (problem) {
        const field = problem === 'NOT_REGISTERED' || problem === 'LEAGUE_STATUS_ABNORMAL' || problem === 'OPEN_TRANSFER' ? 'idCard' : 'to'
        problems.add(f.path(field), APPLY_PROBLEM_MESSAGES[problem])
      }
      if (atStep !== null) {
        // 毕业 to a 团委: that 团委 reviews on the receiving side (docs/DOMAIN.md §5a).
        const inReviewer = target.type === 'branch' ? target.parent : to
        const sameParent = kind === 'in_province' && (orgs.get(member.org)?.parent ?? null) !== null && orgs.get(member.org)?.parent === inReviewer
        const message = atStepProblem(atStep, kind, initiator, sameParent)
        if (message) problems.add(f.path('atStep'), message)
      }
    }
    if (idCard && !openAt.has(idCard)) openAt.set(idCard, index)
    out.push({
      idCard, to: to ?? '', kind: kind ?? 'in_province', cause: cause ?? '其他原因', causeNote: causeNote?.trim() || null,
      studyWorkUnit: studyWorkUnit ?? '', appliedAt, initiator, atStep,
    })
  }
  return out
}

function atStepProblem(atStep: number, kind: 'in_province' | 'out_of_province', initiator: 'member' | 'branch', sameParent: boolean): string | null {
  if (kind === 'out_of_province' && atStep > 2) return '转出省外的申请只有第1、2个审核节点，atStep 应为 1 或 2'
  if (initiator === 'branch' && atStep === 1) return '团支部发起的申请，第1个节点由发起的团支部同意，atStep 应为 2–4（省略表示等待团员确认）'
  if (sameParent && atStep === 2) return '转出与转入团支部的上级相同，第2个节点无需审核（由上级在第4个节点审核一次），atStep 不能为 2'
  return null
}
