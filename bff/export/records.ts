/**
 * Rows turned into the records of the import file (docs/CONTRACT.md "Import file"), pure: the
 * export writes exactly what `npm run import` reads back, so SQLite → PostgreSQL is export →
 * import. Absent values are left out rather than written as null.
 */
import type { Selectable } from 'kysely'
import type { MembersTable } from '../db/schema/members'
import type { TransferInitiator, TransferKind, TransferCause, StepRole, TransferStatus } from '../../shared/transfers'
import type { AccountKind, OrgType } from '../../shared/organizations'
import type { ProfileField } from '../../shared/members'
import type { StoredChange } from '../members/changes'
import { memberMobile } from '../members/repository'
import { accountMobile } from '../accounts/repository'
import type { DataCrypto } from '../security/data-crypto'
import type { ImportAccount, ImportChangeRequest, ImportMember, ImportOrganization, ImportOrgType, ImportTransfer } from '../import/format'

/** Drops null and undefined fields (the importer treats them as absent). */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as T
}

export function orgRecord(o: { code: string; name: string; type: OrgType; parent_code: string | null }): ImportOrganization {
  return { code: o.code, name: o.name, type: o.type as ImportOrgType, parent: o.parent_code }
}

export function accountRecord(
  a: { org_code: string; kind: AccountKind; name: string; mobile: string | null; mobile_enc: string | null; wecom_user_id: string | null; password_hash: string | null; root_admin: 0 | 1 },
  crypto: DataCrypto,
): ImportAccount {
  return compact<ImportAccount>({
    org: a.org_code, kind: a.kind, name: a.name, mobile: accountMobile(crypto, a), wecomUserId: a.wecom_user_id, passwordHash: a.password_hash,
    rootAdmin: a.root_admin === 1 ? true : undefined,
  })
}

const bool = (v: 0 | 1 | null) => (v === null ? null : v === 1)

export function memberRecord(m: Selectable<MembersTable> & { org_code: string }, crypto: DataCrypto, returnReason: string | null): ImportMember {
  const foreign = m.id_card_type === 'foreign'
  return compact<ImportMember>({
    org: m.org_code, name: m.name, idCardType: m.id_card_type, idCard: crypto.decrypt(m.id_card_enc), mobile: memberMobile(crypto, m),
    nation: m.nation, education: m.education, highestEducation: m.highest_education, occupation: m.occupation,
    politicalOutlook: m.political_outlook, leagueSince: m.league_since, leagueUnit: m.league_unit, studyWorkUnit: m.study_work_unit,
    income: m.income, isCadre: m.is_cadre === 1, cadreTitle: m.cadre_title, cadreSince: m.cadre_since, cadreNature: m.cadre_nature as ImportMember['cadreNature'],
    cadreInPartyCommittee: bool(m.cadre_in_party_committee), memberNo: m.member_no,
    // A resident's birth date and gender are in the ID number; the importer derives them.
    birthDate: foreign && m.birth_date_enc ? crypto.decrypt(m.birth_date_enc) : null, gender: foreign ? m.gender : null,
    status: m.profile_status, realNameStatus: m.realname_status, leagueStatus: m.league_status,
    appliedAt: m.applied_at, addedAt: m.added_at, reviewedAt: m.reviewed_at, returnReason, expectedGraduation: m.expected_graduation,
  })
}

const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['isCadre', 'cadreInPartyCommittee'])

/** A pending 修改资料 as the file states it: the requested values, booleans as booleans. */
export function changeRequestRecord(idCard: string, changesJson: string, submittedAt: string): ImportChangeRequest {
  const changes: ImportChangeRequest['changes'] = {}
  for (const c of JSON.parse(changesJson) as StoredChange[]) {
    changes[c.field as ProfileField] = BOOLEAN_FIELDS.has(c.field) && c.after !== null ? c.after === '是' : c.after
  }
  return { idCard, changes, submittedAt }
}

export interface OpenTransferRow {
  kind: TransferKind
  cause: TransferCause
  cause_note: string | null
  study_work_unit: string
  applied_at: string
  initiator: TransferInitiator
  status: TransferStatus
  current_seq: number | null
  current_role: StepRole | null
  to_code: string
}

/**
 * An open application. 待团员确认 has no node yet (no atStep); 待分配 is not a node of the
 * format, so it is written as waiting at the receiving 团委's own node (`committeeSeq`),
 * which leads to 待分配 again once approved.
 */
export function transferRecord(t: OpenTransferRow, idCard: string, committeeSeq: number | null): ImportTransfer {
  const atStep = t.status === 'awaiting_member' ? null : t.current_role === 'allocate' ? committeeSeq : t.current_seq
  return compact<ImportTransfer>({
    idCard, to: t.to_code, kind: t.kind, cause: t.cause, causeNote: t.cause_note, studyWorkUnit: t.study_work_unit,
    appliedAt: t.applied_at, initiator: t.initiator, atStep,
  })
}
