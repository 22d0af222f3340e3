/**
 * `changeRequests` (docs/DOMAIN.md §3): a pending 修改资料 of a registered member. Only the
 * important fields need a review, so only they may be imported as a request; the values
 * are turned into the text diffChanges compares (booleans as 是/否) and must really change
 * something. A member has at most one pending change.
 */
import { CADRE_NATURES, IMPORTANT_FIELDS, INCOMES, POLITICAL_OUTLOOKS, PROFILE_FIELDS, type ProfileField } from '../../shared/members'
import { PROFILE_STATUSES, type ProfileStatus } from '../../shared/reviews'
import { normalizeIdCard } from '../../shared/idcard'
import { memberDataProblems } from '../members/validate'
import { canSubmitChange } from '../reviews/workflow'
import type { ValidChangeRequest } from './format'
import type { Existing } from './existing'
import type { MemberLookup } from './validate-members'
import { FieldReader, isRecord, sectionRecords } from './fields'
import type { ProblemList } from './problems'

const FIELDS = ['idCard', 'changes', 'submittedAt'] as const

/** In the file, `change_pending` means "this request is the pending change". */
const FILE_STATUSES: readonly ProfileStatus[] = ['approved', 'change_returned', 'change_pending']

export function validateChangeRequests(
  file: Record<string, unknown>,
  members: MemberLookup,
  existing: Existing,
  changePending: { idCard: string; path: string }[],
  now: Date,
  problems: ProblemList,
): ValidChangeRequest[] {
  const out: ValidChangeRequest[] = []
  const firstAt = new Map<string, number>()

  for (const { record, base, index } of sectionRecords(file, 'changeRequests', problems)) {
    const f = new FieldReader(record, base, problems, FIELDS)
    const raw = f.text('idCard', { required: true, max: 32 })
    const idCard = raw === null ? '' : normalizeIdCard(raw)
    const submittedAt = f.time('submittedAt', now) ?? now.toISOString()
    const member = idCard ? members.get(idCard) : undefined
    if (idCard && !member) problems.add(f.path('idCard'), '未找到该身份证号码对应的团员（既不在 members 中，也不在数据库中）')
    if (member) {
      const allowed = existing.members.has(idCard) ? canSubmitChange(member.status) : FILE_STATUSES.includes(member.status)
      if (!allowed) problems.add(f.path('idCard'), `团员当前状态为“${PROFILE_STATUSES[member.status]}”，不能有待审核的修改资料申请`)
      if (firstAt.has(idCard)) problems.add(f.path('idCard'), `同一团员只能有一条待审核的修改资料申请，与 changeRequests[${firstAt.get(idCard)}] 重复`)
      else firstAt.set(idCard, index)
    }

    let changes: Partial<Record<ProfileField, string | null>> = {}
    if (!f.has('changes')) problems.add(f.path('changes'), '缺少必填项')
    else if (!isRecord(record.changes)) problems.add(f.path('changes'), '应为对象')
    else changes = readChanges(new FieldReader(record.changes, f.path('changes'), problems, Object.keys(record.changes)), idCard, member?.idCardType, now, problems)

    if (member && isRecord(record.changes) && Object.keys(record.changes).length > 0) {
      const changed = (Object.keys(changes) as ProfileField[]).some((k) => changes[k] !== (member.important[k] ?? null))
      if (!changed && Object.keys(changes).length === Object.keys(record.changes).length) {
        problems.add(f.path('changes'), '申请内容与团员现有资料相同')
      }
    }
    out.push({ idCard, changes, submittedAt })
  }

  for (const m of changePending) {
    if (!firstAt.has(m.idCard)) problems.add(m.path, '状态为 change_pending（修改资料待审核）的团员需要在 changeRequests 中有对应的修改申请')
  }
  return out
}

/** Each requested field, typed as the member record types it; answers display values. */
function readChanges(
  f: FieldReader,
  idCard: string,
  idCardType: 'resident' | 'foreign' | undefined,
  now: Date,
  problems: ProblemList,
): Partial<Record<ProfileField, string | null>> {
  const out: Partial<Record<ProfileField, string | null>> = {}
  const keys = Object.keys(f.record)
  if (keys.length === 0) problems.add(f.base, '至少需要一项修改内容')
  const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否')
  for (const key of keys) {
    if (!(IMPORTANT_FIELDS as string[]).includes(key)) {
      const label = (PROFILE_FIELDS as Record<string, { label: string }>)[key]?.label
      problems.add(f.path(key), label ? `${label}不属于需要审核的重要资料，不能作为修改申请导入` : '未知的资料项')
      continue
    }
    const field = key as ProfileField
    const nullable = field !== 'politicalOutlook' && field !== 'leagueSince' && field !== 'isCadre'
    if (!f.has(field)) {
      if (nullable) out[field] = null
      else problems.add(f.path(field), '不能为空')
      continue
    }
    const value = readValue(f, field)
    if (value === undefined) continue
    out[field] = typeof value === 'boolean' ? yesNo(value) : value
  }
  if (typeof out.leagueSince === 'string' && idCard) {
    const type = idCardType ?? 'resident'
    problems.addAll(memberDataProblems({ idCardType: type, idCard: type === 'resident' ? idCard : undefined, leagueSince: out.leagueSince }, (x) => f.path(x), now))
  }
  return out
}

/** A value, or undefined when it was wrong (reported). */
function readValue(f: FieldReader, field: ProfileField): string | boolean | undefined {
  const v = (() => {
    switch (field) {
      case 'income': return f.choice(field, INCOMES, '收入')
      case 'politicalOutlook': return f.choice(field, POLITICAL_OUTLOOKS, '政治面貌')
      case 'leagueSince': return f.text(field, { max: 7 })
      case 'cadreSince': return f.yearMonth(field)
      case 'cadreTitle': return f.text(field, { max: 100 })
      case 'cadreNature': return f.choice(field, CADRE_NATURES, '团干部性质')
      case 'isCadre':
      case 'cadreInPartyCommittee': return f.bool(field)
      default: return null
    }
  })()
  return v === null ? undefined : v
}
