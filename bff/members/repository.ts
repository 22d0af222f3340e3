import { sql, type Kysely, type Transaction, type Selectable, type Insertable, type Updateable } from 'kysely'
import { expectChanged } from '../db/guarded'
import type { Database } from '../db/schema'
import type { MembersTable } from '../db/schema/members'
import type { MemberDetail, MemberSummary } from '../../shared/api/members'
import type { DataCrypto } from '../security/data-crypto'
import { maskIdCard, maskMobile, idCardBirthDate, idCardGender } from '../../shared/idcard'
import { toOrgRef, type OrgRow } from '../orgs/repository'
import { prefixUpperBound } from '../db/dialect'
import type { CursorKey } from '../pagination'
import type { Actor } from '../scope'

type Db = Kysely<Database> | Transaction<Database>
export type MemberRow = Selectable<MembersTable>

/** The member fields that come from outside (import, integration API), in domain words. */
export interface MemberFields {
  name: string
  idCardType: 'resident' | 'foreign'
  idCard: string
  mobile: string
  nation: string
  education: string
  highestEducation?: string | null
  occupation: string
  politicalOutlook: string
  leagueSince: string
  leagueUnit?: string | null
  studyWorkUnit?: string | null
  income?: string | null
  isCadre?: boolean
  cadreTitle?: string | null
  cadreSince?: string | null
  cadreNature?: string | null
  cadreInPartyCommittee?: boolean | null
  memberNo?: string | null
  birthDate?: string | null
  gender?: 'male' | 'female' | null
}

export interface MemberInput extends MemberFields {
  orgId: number
}

/** The columns that hold a phone number (docs/DOMAIN.md §6a): encrypted and hashed, never in clear. */
export function mobileColumns(crypto: DataCrypto, mobile: string): Pick<MembersTable, 'mobile' | 'mobile_enc' | 'mobile_hash'> {
  return { mobile: '', mobile_enc: crypto.encrypt(mobile), mobile_hash: crypto.lookupHash(mobile) }
}

/** The member's phone number, decrypted (a row an older version left unsealed still has it in clear). */
export function memberMobile(crypto: DataCrypto, m: Pick<MemberRow, 'mobile' | 'mobile_enc'>): string {
  return m.mobile_enc ? crypto.decrypt(m.mobile_enc) : m.mobile
}

/** Row values for a new member: the ID number only encrypted, hashed and masked, the phone number encrypted and hashed. */
export function memberValues(
  crypto: DataCrypto,
  m: MemberInput,
  state: Pick<MemberRow, 'profile_status' | 'realname_status' | 'league_status' | 'added_at' | 'applied_at' | 'reviewed_at'>,
  now: string,
): Insertable<MembersTable> {
  const resident = m.idCardType === 'resident'
  return {
    org_id: m.orgId,
    name: m.name,
    id_card_type: m.idCardType,
    id_card_enc: crypto.encrypt(m.idCard),
    id_card_hash: crypto.lookupHash(m.idCard),
    id_card_masked: maskIdCard(m.idCard),
    // Not in clear (docs/DOMAIN.md §6a): a resident's is inside the encrypted ID number.
    birth_date: '',
    birth_date_enc: !resident && m.birthDate ? crypto.encrypt(m.birthDate) : null,
    gender: (resident ? idCardGender(m.idCard) : m.gender) ?? 'male',
    ...mobileColumns(crypto, m.mobile),
    nation: m.nation,
    education: m.education,
    highest_education: m.highestEducation ?? null,
    occupation: m.occupation,
    political_outlook: m.politicalOutlook,
    league_since: m.leagueSince,
    league_unit: m.leagueUnit ?? null,
    study_work_unit: m.studyWorkUnit ?? null,
    income: m.income ?? null,
    is_cadre: m.isCadre ? 1 : 0,
    cadre_title: m.cadreTitle ?? null,
    cadre_since: m.cadreSince ?? null,
    cadre_nature: m.cadreNature ?? null,
    cadre_in_party_committee: m.cadreInPartyCommittee == null ? null : m.cadreInPartyCommittee ? 1 : 0,
    member_no: m.memberNo ?? null,
    ...state,
    updated_at: now,
  }
}

/**
 * Every write to a member goes through its version: a write that lost a race with another
 * decision is a 409, never an overwrite; a kept 资料审核 待审核 page is answered while its
 * members' versions are the same (pendingReviewStamps, bff/reviews/repository.ts).
 */
export async function updateMember(db: Db, m: Pick<MemberRow, 'id' | 'version'>, set: Updateable<MembersTable>): Promise<void> {
  const res = await db.updateTable('members').set({ ...set, version: m.version + 1 }).where('id', '=', m.id).where('version', '=', m.version).executeTakeFirst()
  expectChanged(res)
  // The applications keep a copy of the name for the 待审核 name search (migration 0014). A new
  // name is a change of the application too (its version): a kept page follows it (todoStamps,
  // bff/transfers/repository.ts), and a decision must have seen it.
  if (set.name !== undefined) {
    await db.updateTable('transfers').set({ member_name: set.name, version: sql`version + 1` }).where('member_id', '=', m.id).where('member_name', '<>', set.name).execute()
  }
}

export async function insertMember(db: Db, values: Insertable<MembersTable>): Promise<number> {
  return (await db.insertInto('members').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function findMemberById(db: Db, id: number): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findMemberByIdCard(db: Db, crypto: DataCrypto, idCard: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id_card_hash', '=', crypto.lookupHash(idCard)).executeTakeFirst()
}

/** The member's birth date (yyyy-MM-dd), decrypted for a rule that needs it; never answered. */
export function memberBirthDate(crypto: DataCrypto, m: Pick<MemberRow, 'id_card_type' | 'id_card_enc' | 'birth_date_enc'>): string | null {
  if (m.id_card_type === 'resident') return idCardBirthDate(crypto.decrypt(m.id_card_enc))
  return m.birth_date_enc ? crypto.decrypt(m.birth_date_enc) : null
}

/** A page of members whose birth date an older version left in clear (sealPersonalData). */
export function unsealedBirthDates(db: Db, limit: number) {
  return db.selectFrom('members').select(['id', 'birth_date']).where('birth_date', '<>', '').limit(limit).execute()
}

export async function sealBirthDate(db: Db, id: number, birthDateEnc: string): Promise<void> {
  await db.updateTable('members').set({ birth_date: '', birth_date_enc: birthDateEnc }).where('id', '=', id).execute()
}

/**
 * The next page, in id order, of members whose phone number is still in clear. `mobile > ''`
 * is a range of the members_mobile index, empty once everything is sealed.
 */
export function unsealedMobiles(db: Db, afterId: number, limit: number) {
  return db.selectFrom('members').select(['id', 'mobile']).where('mobile', '>', '').where('id', '>', afterId).orderBy('id').limit(limit).execute()
}

/** Seals one phone number, only if it is still the clear value read (a process started beside this one may have changed it). */
export async function sealMobile(db: Db, id: number, clear: string, sealed: Pick<MembersTable, 'mobile' | 'mobile_enc' | 'mobile_hash'>): Promise<void> {
  await db.updateTable('members').set(sealed).where('id', '=', id).where('mobile', '=', clear).execute()
}

/** A list item: the phone number decrypted only to be masked (a page holds at most 100). */
export function toMemberSummary(crypto: DataCrypto, m: MemberRow, org: OrgRow): MemberSummary {
  return {
    id: m.id,
    name: m.name,
    mobileMasked: maskMobile(memberMobile(crypto, m)),
    idCardMasked: m.id_card_masked,
    realNameStatus: m.realname_status,
    education: m.education,
    nation: m.nation,
    occupation: m.occupation,
    politicalOutlook: m.political_outlook,
    addedAt: m.added_at,
    appliedAt: m.applied_at,
    profileStatus: m.profile_status,
    leagueStatus: m.league_status,
    expectedGraduation: m.expected_graduation,
    org: toOrgRef(org),
  }
}

export function toMemberDetail(
  crypto: DataCrypto,
  m: MemberRow,
  org: OrgRow,
  pendingReview: MemberDetail['pendingReview'] = null,
  offline: MemberDetail['offline'] = null,
): MemberDetail {
  return {
    ...toMemberSummary(crypto, m, org),
    idCardType: m.id_card_type,
    gender: m.gender,
    highestEducation: m.highest_education,
    leagueSince: m.league_since,
    leagueUnit: m.league_unit,
    studyWorkUnit: m.study_work_unit,
    income: m.income,
    isCadre: m.is_cadre === 1,
    cadreTitle: m.cadre_title,
    cadreSince: m.cadre_since,
    cadreNature: m.cadre_nature,
    cadreInPartyCommittee: m.cadre_in_party_committee == null ? null : m.cadre_in_party_committee === 1,
    memberNo: m.member_no,
    reviewedAt: m.reviewed_at,
    offline,
    pendingReview,
  }
}

/** Column of the members table for each changeable profile field (docs/DOMAIN.md §3). */
export const PROFILE_FIELD_COLUMNS = {
  income: 'income',
  politicalOutlook: 'political_outlook',
  leagueSince: 'league_since',
  isCadre: 'is_cadre',
  cadreTitle: 'cadre_title',
  cadreSince: 'cadre_since',
  cadreNature: 'cadre_nature',
  cadreInPartyCommittee: 'cadre_in_party_committee',
  /** Sealed: read and written through memberMobile / mobileColumns (bff/members/changes.ts). */
  mobile: 'mobile',
  nation: 'nation',
  education: 'education',
  highestEducation: 'highest_education',
  occupation: 'occupation',
  leagueUnit: 'league_unit',
  studyWorkUnit: 'study_work_unit',
} as const satisfies Record<string, keyof MemberRow>

export interface MemberListFilter {
  name?: string
  profileStatus?: MemberRow['profile_status']
  realNameStatus?: MemberRow['realname_status']
  education?: string
  /** The keyed hash of the phone number searched for (the members_mobile_hash index). */
  mobileHash?: string
  /** 预计毕业时间, yyyy-MM (docs/DOMAIN.md §5a). */
  expectedGraduation?: string
}

/**
 * Members of the actor's organisation and all its descendants: one range over the
 * materialised path whatever the tree's size. With a name, the (name, id) index in order;
 * a 团支部 newest first by id; a larger subtree by organisation (path order), newest first in each.
 */
export async function listMembersInScope(db: Db, scope: Pick<Actor, 'orgType' | 'orgId' | 'orgPath'>, f: MemberListFilter, cursor: CursorKey | null, limit: number) {
  // A name search reads the (name, id) index in order, members first: written as a CROSS JOIN,
  // which SQLite takes as the loop order (PostgreSQL plans it as the inner join it is). Left to
  // its statistics, SQLite walked every organisation of the subtree and sorted their namesakes.
  const from = db.selectFrom('members as m')
  let query = (f.name ? from.crossJoin('organizations as o').whereRef('o.id', '=', 'm.org_id') : from.innerJoin('organizations as o', 'o.id', 'm.org_id'))
    .selectAll('m')
    .select(['o.code as o_code', 'o.name as o_name', 'o.type as o_type', 'o.path as o_path', 'o.parent_id as o_parent_id'])
  // Own organisation: an equality on org_id uses the index; otherwise the path range.
  query = scope.orgType === 'branch'
    ? query.where('m.org_id', '=', scope.orgId)
    : query.where('o.path', '>=', scope.orgPath).where('o.path', '<', prefixUpperBound(scope.orgPath))
  if (f.name) query = query.where('m.name', '>=', f.name).where('m.name', '<', prefixUpperBound(f.name))
  if (f.profileStatus) query = query.where('m.profile_status', '=', f.profileStatus)
  if (f.realNameStatus) query = query.where('m.realname_status', '=', f.realNameStatus)
  if (f.education) query = query.where('m.education', '=', f.education)
  if (f.mobileHash) query = query.where('m.mobile_hash', '=', f.mobileHash)
  // For a 团支部 the (org_id, expected_graduation, id) index serves the graduating class in id order.
  if (f.expectedGraduation) query = query.where('m.expected_graduation', '=', f.expectedGraduation)
  if (f.name) {
    // A common name costs one page, not every namesake in the province.
    if (cursor) {
      const [n, id] = cursor
      // A row-value bound starts inside the (name, id) index range (an OR of the two reads from its start).
      query = query.where((eb) => eb(eb.refTuple('m.name', 'm.id'), '>', eb.tuple(String(n), id)))
    }
    return query.orderBy('m.name').orderBy('m.id').limit(limit + 1).execute()
  }
  if (scope.orgType === 'branch') {
    if (cursor) query = query.where('m.id', '<', cursor[1])
    return query.orderBy('m.id', 'desc').limit(limit + 1).execute()
  }
  // A subtree (团委, 市, 省) by organisation, newest first in each: the loop over the path
  // index gives the organisations in order and (org_id, id) each one's members, so a page
  // reads a page — newest first across the subtree would sort every member of it (issue #12).
  // o.id makes the order total for the planner (paths are unique, not declared so).
  if (cursor) {
    const [path, id] = cursor
    query = query.where('o.path', '>=', String(path)).where((eb) => eb.or([eb('o.path', '>', String(path)), eb('m.id', '<', id)]))
  }
  return query.orderBy('o.path').orderBy('o.id').orderBy('m.id', 'desc').limit(limit + 1).execute()
}
