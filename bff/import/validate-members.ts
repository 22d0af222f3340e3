/**
 * `members` (docs/DOMAIN.md §2–§4): reference lists by their Chinese names, the ID number
 * (GB 11643 for 居民身份证, once per file and database), mobile, 入团年月 and joining age,
 * a member only in a 团支部, and statuses that fit together.
 */
import { ORG_TYPES } from '../../shared/organizations'
import {
  CADRE_NATURES, EDUCATIONS, EXPECTED_GRADUATION_PATTERN, EXPECTED_GRADUATION_RULE, GENDERS, ID_CARD_TYPES, INCOMES, LEAGUE_STATUSES, NATIONS, OCCUPATIONS, POLITICAL_OUTLOOKS,
  type ProfileField,
} from '../../shared/members'
import { PROFILE_STATUSES, REALNAME_STATUSES, REGISTERED_STATUSES } from '../../shared/reviews'
import { idCardBirthDate, idCardGender, normalizeIdCard } from '../../shared/idcard'
import { RETURN_REASON_MAX } from '../../shared/limits'
import { memberDataProblems } from '../members/validate'
import type { ImportMember, ValidMember } from './format'
import type { Existing, ExistingMember } from './existing'
import type { OrgLookup } from './validate-orgs'
import { FieldReader, sectionRecords } from './fields'
import { shown, type ProblemList } from './problems'

const FIELDS = [
  'org', 'name', 'idCardType', 'idCard', 'mobile', 'nation', 'education', 'highestEducation', 'occupation',
  'politicalOutlook', 'leagueSince', 'leagueUnit', 'studyWorkUnit', 'income', 'isCadre', 'cadreTitle', 'cadreSince',
  'cadreNature', 'cadreInPartyCommittee', 'memberNo', 'birthDate', 'gender', 'status', 'realNameStatus', 'leagueStatus',
  'appliedAt', 'addedAt', 'reviewedAt', 'returnReason', 'expectedGraduation',
] as const

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
/** 境外身份证: no national check digit, only a plausible document number. */
const FOREIGN_ID = /^[A-Za-z0-9()（）-]{6,32}$/

/** A member the rest of the file may refer to by ID number: the file's and the database's. */
export interface MemberLookup {
  get(idCard: string): ExistingMember | undefined
}

export function validateMembers(
  file: Record<string, unknown>,
  orgs: OrgLookup,
  existing: Existing,
  now: Date,
  problems: ProblemList,
): { members: ValidMember[]; lookup: MemberLookup; changePending: { idCard: string; path: string }[] } {
  const members: ValidMember[] = []
  const changePending: { idCard: string; path: string }[] = []
  const inFile = new Map<string, ExistingMember>()
  const firstAt = new Map<string, number>()

  for (const { record, base, index } of sectionRecords(file, 'members', problems)) {
    const f = new FieldReader(record, base, problems, FIELDS)
    const m = readMember(f, now)
    checkOrg(f, m.org, orgs, problems)
    checkIdentity(f, m, now, problems)
    checkStatuses(f, m, problems)

    if (m.idCard) {
      if (firstAt.has(m.idCard)) problems.add(f.path('idCard'), `身份证号码与 members[${firstAt.get(m.idCard)}] 重复`)
      else if (existing.members.has(m.idCard)) problems.add(f.path('idCard'), '身份证号码已存在于数据库中')
      else {
        firstAt.set(m.idCard, index)
        inFile.set(m.idCard, {
          org: m.org, idCardType: m.idCardType, status: m.status, leagueStatus: m.leagueStatus, openTransfer: false, important: importantValues(m),
        })
      }
    }
    if (m.status === 'change_pending' && m.idCard) changePending.push({ idCard: m.idCard, path: f.path('status') })
    members.push(m)
  }
  return { members, changePending, lookup: { get: (idCard) => inFile.get(idCard) ?? existing.members.get(idCard) } }
}

function readMember(f: FieldReader, now: Date): ValidMember {
  // Read in the order of the file format, so the problems of one member read top to bottom.
  const org = f.text('org', { required: true, max: 64 })
  const name = f.text('name', { required: true, max: 50 })
  const idCardType = f.code('idCardType', ID_CARD_TYPES, '证件类型') ?? 'resident'
  const idCard = f.text('idCard', { required: true, max: 32 })
  const mobile = f.text('mobile', { required: true, max: 32 })
  const reference = {
    nation: f.choice('nation', NATIONS, '民族', true) ?? '',
    education: f.choice('education', EDUCATIONS, '全日制学历', true) ?? '',
    highestEducation: f.choice('highestEducation', EDUCATIONS, '最高学历'),
    occupation: f.choice('occupation', OCCUPATIONS, '职业', true) ?? '',
    politicalOutlook: f.choice('politicalOutlook', POLITICAL_OUTLOOKS, '政治面貌', true) ?? '',
    leagueSince: f.text('leagueSince', { required: true, max: 7 }) ?? '',
    leagueUnit: f.text('leagueUnit', { max: 200 }),
    studyWorkUnit: f.text('studyWorkUnit', { max: 200 }),
    income: f.choice('income', INCOMES, '收入'),
    isCadre: f.bool('isCadre') ?? false,
    cadreTitle: f.text('cadreTitle', { max: 100 }),
    cadreSince: f.yearMonth('cadreSince'),
    cadreNature: f.choice('cadreNature', CADRE_NATURES, '团干部性质'),
    cadreInPartyCommittee: f.bool('cadreInPartyCommittee'),
    memberNo: f.pattern('memberNo', /^\d{12}$/, '团员编号应为12位数字'),
    birthDate: f.pattern('birthDate', DATE, '出生日期格式应为 yyyy-MM-dd'),
    gender: f.code('gender', GENDERS, '性别'),
  }
  const status = f.code('status', PROFILE_STATUSES, '报到资料状态', true) ?? 'registration_pending'
  const realNameStatus = f.code('realNameStatus', REALNAME_STATUSES, '实名认证状态', true) ?? 'pending'
  const leagueStatus = f.code('leagueStatus', LEAGUE_STATUSES, '团籍状态') ?? 'normal'
  // A request in the queue needs a submission time; an imported history may lack one.
  const appliedAt = f.time('appliedAt', now) ?? (REGISTERED_STATUSES.includes(status) ? null : now.toISOString())
  const addedAt = f.time('addedAt', now) ?? appliedAt ?? now.toISOString()
  const decided = status !== 'registration_pending' && status !== 'registration_withdrawn'
  const reviewedAt = f.time('reviewedAt', now) ?? (decided ? (appliedAt ?? now.toISOString()) : null)
  const returnReason = f.text('returnReason', { max: RETURN_REASON_MAX })
  // 预计毕业时间 (docs/DOMAIN.md §5a): a month, past or future (a class graduating next June).
  const expectedGraduation = f.pattern('expectedGraduation', EXPECTED_GRADUATION_PATTERN, EXPECTED_GRADUATION_RULE)
  return {
    org: org ?? '', name: name ?? '', idCardType, idCard: idCard === null ? '' : normalizeIdCard(idCard), mobile: mobile ?? '',
    ...reference, status, realNameStatus, leagueStatus, appliedAt, addedAt, reviewedAt, returnReason, expectedGraduation,
  }
}

function checkOrg(f: FieldReader, code: string, orgs: OrgLookup, problems: ProblemList) {
  if (!code) return
  const org = orgs.get(code)
  if (!org) problems.add(f.path('org'), `组织${shown(code)}不存在（既不在文件中，也不在数据库中）`)
  else if (org.type !== null && org.type !== 'branch') problems.add(f.path('org'), `团员只能属于团支部，${shown(code)}是${ORG_TYPES[org.type]}`)
}

function checkIdentity(f: FieldReader, m: ValidMember, now: Date, problems: ProblemList) {
  const resident = m.idCardType === 'resident'
  problems.addAll(
    memberDataProblems(
      {
        idCardType: m.idCardType,
        idCard: m.idCard && resident ? m.idCard : undefined,
        mobile: m.mobile || undefined,
        leagueSince: m.leagueSince || undefined,
        name: m.name || undefined,
      },
      (field) => f.path(field),
      now,
    ),
  )
  if (!m.idCard) return
  if (!resident) {
    if (!FOREIGN_ID.test(m.idCard)) problems.add(f.path('idCard'), '证件号码格式错误')
    if (!m.birthDate && !f.has('birthDate')) problems.add(f.path('birthDate'), '境外身份证需要填写出生日期')
    else if (m.birthDate && !isPastDate(m.birthDate, now)) problems.add(f.path('birthDate'), '出生日期无效')
    if (!m.gender && !f.has('gender')) problems.add(f.path('gender'), '境外身份证需要填写性别')
    return
  }
  // A resident ID number carries birth date and gender; a contradicting field is a data error.
  if (m.birthDate && idCardBirthDate(m.idCard) && m.birthDate !== idCardBirthDate(m.idCard)) {
    problems.add(f.path('birthDate'), '出生日期与身份证号码不一致')
  }
  if (m.gender && /^\d{17}[\dX]$/.test(m.idCard) && m.gender !== idCardGender(m.idCard)) problems.add(f.path('gender'), '性别与身份证号码不一致')
}

function isPastDate(ymd: string, now: Date): boolean {
  const d = new Date(`${ymd}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd && d.getTime() <= now.getTime()
}

function checkStatuses(f: FieldReader, m: ValidMember, problems: ProblemList) {
  // Approval needs a passed real-name check (docs/DOMAIN.md §4), so a registered member has one.
  if (REGISTERED_STATUSES.includes(m.status) && m.realNameStatus !== 'passed' && m.realNameStatus !== 'offline_passed') {
    problems.add(f.path('realNameStatus'), `${PROFILE_STATUSES[m.status]}的团员，实名认证状态只能是 passed（通过）或 offline_passed（线下通过）`)
  }
  const returned = m.status === 'registration_returned' || m.status === 'change_returned'
  if (m.returnReason !== null && !returned) problems.add(f.path('returnReason'), '只有被退回的团员才有退回原因')
  if (m.appliedAt && m.reviewedAt && m.reviewedAt < m.appliedAt) problems.add(f.path('reviewedAt'), '资料审核时间不能早于申请报到时间')
}

/** The important fields as a change request compares them (bff/members/changes.ts displayValue). */
function importantValues(m: ImportMember): Partial<Record<ProfileField, string | null>> {
  const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? '是' : '否')
  return {
    income: m.income ?? null,
    politicalOutlook: m.politicalOutlook,
    leagueSince: m.leagueSince,
    isCadre: yesNo(m.isCadre ?? false),
    cadreTitle: m.cadreTitle ?? null,
    cadreSince: m.cadreSince ?? null,
    cadreNature: m.cadreNature ?? null,
    cadreInPartyCommittee: yesNo(m.cadreInPartyCommittee),
  }
}
