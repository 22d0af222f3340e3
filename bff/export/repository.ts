/**
 * The export's SQL (docs/CONTRACT.md `npm run export`): every table read in keyset pages by
 * id (`id > after … limit n`, the primary key's index), so a province's database is never
 * loaded whole; each page's few look-ups go by the page's own ids.
 */
import { sql, type Kysely, type SelectQueryBuilder, type StringReference } from 'kysely'
import type { Database } from '../db/schema'
import { EXTERNAL_ORG_CODE } from '../../shared/organizations'
import { OPEN_TRANSFER_STATUSES } from '../transfers/route'
import { fixedState } from '../db/dialect'

type Db = Kysely<Database>

/**
 * One keyset page of an export section: the rows after id `after` (the last id of the page
 * before), `limit` of them in id order, read through the primary key's index.
 */
function pageById<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, id: StringReference<DB, TB> & string, after: number, limit: number) {
  const key = sql.ref(id)
  return query.where(sql<boolean>`${key} > ${after}`).orderBy(key).limit(limit).execute()
}

/** Organisations with their parent's code; `external` is created by every import itself. */
export function orgPage(db: Db, after: number, limit: number) {
  const query = db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'o.type', 'p.code as parent_code'])
    .where('o.code', '!=', EXTERNAL_ORG_CODE)
  return pageById(query, 'o.id', after, limit)
}

/** Active accounts (a deactivated one would come back active: the format has no such state); the mobile is decrypted by the caller. */
export function accountPage(db: Db, after: number, limit: number) {
  const query = db
    .selectFrom('accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'o.code as org_code', 'a.kind', 'a.name', 'a.mobile', 'a.mobile_enc', 'a.wecom_user_id', 'a.password_hash', 'a.root_admin'])
    .where('a.active', '=', 1)
  return pageById(query, 'a.id', after, limit)
}

/** Members of the province's 团支部 (those transferred out live at `external`, outside the format). */
export function memberPage(db: Db, after: number, limit: number) {
  const query = db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select('o.code as org_code')
    .where('o.type', '=', 'branch')
  return pageById(query, 'm.id', after, limit)
}

export async function countExternalMembers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.type', '!=', 'branch')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Rows of each section, for the progress line's total. */
export async function countRows(db: Db): Promise<number> {
  const count = async (table: 'organizations' | 'accounts' | 'members' | 'transfers') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return (await count('organizations')) + (await count('accounts')) + (await count('members')) + (await count('transfers'))
}

/**
 * The 退回原因 of these members' latest returned request of the kind their status says
 * (报到 for registration_returned, 修改资料 for change_returned), by member id.
 */
export async function returnReasons(db: Db, memberIds: number[]): Promise<Map<number, string | null>> {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('profile_reviews as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select(['r.member_id', 'r.reason'])
    .where('r.member_id', 'in', memberIds)
    .where('r.state', '=', fixedState('returned'))
    .where((eb) =>
      eb.or([
        eb.and([eb('m.profile_status', '=', 'registration_returned'), eb('r.kind', '=', 'registration')]),
        eb.and([eb('m.profile_status', '=', 'change_returned'), eb('r.kind', '=', 'change')]),
      ]),
    )
    .orderBy('r.id')
    .execute()
  return new Map(rows.map((r) => [r.member_id, r.reason])) // later rows (newer) win
}

/** Pending 修改资料 requests with their member's encrypted ID number. */
export function pendingChangePage(db: Db, after: number, limit: number) {
  const query = db
    .selectFrom('profile_reviews as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select(['r.id', 'r.changes_json', 'r.submitted_at', 'm.id_card_enc'])
    .where('r.kind', '=', 'change')
    .where('r.state', '=', fixedState('pending'))
  return pageById(query, 'r.id', after, limit)
}

/** Open applications (审核中, 待团员确认) with their member's encrypted ID number and target code. */
export function openTransferPage(db: Db, after: number, limit: number) {
  const query = db
    .selectFrom('transfers as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .innerJoin('organizations as o', 'o.id', 't.to_org_id')
    .select([
      't.id', 't.kind', 't.cause', 't.cause_note', 't.study_work_unit', 't.applied_at', 't.initiator', 't.status',
      't.current_seq', 't.current_role', 'm.id_card_enc', 'o.code as to_code',
    ])
    .where('t.status', 'in', [...OPEN_TRANSFER_STATUSES])
  return pageById(query, 't.id', after, limit)
}

/** The node of these applications the receiving 团委 approves (before 待分配, docs/DOMAIN.md §5a). */
export function committeeSteps(db: Db, transferIds: number[]) {
  if (transferIds.length === 0) return Promise.resolve([])
  return db.selectFrom('transfer_steps').select(['transfer_id', 'seq']).where('transfer_id', 'in', transferIds).where('role', '=', 'in_committee').execute()
}
