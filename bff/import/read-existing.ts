/**
 * Reads the `Existing` snapshot: only the rows an import file names (its codes, ID numbers,
 * mobiles and WeCom userids), in `IN (…)` batches, so checking a file against a province's
 * database costs what the file costs, not what the database holds.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { DataCrypto } from '../security/data-crypto'
import { IMPORTANT_FIELDS } from '../../shared/members'
import { normalizeIdCard } from '../../shared/idcard'
import { displayValue } from '../members/changes'
import { OPEN_TRANSFER_STATUSES } from '../transfers/route'
import type { Existing, ExistingMember, ExistingOrg } from './existing'
import { chunked, IN_LIST_SIZE } from './chunks'
import { isRecord } from './fields'

/** The keys an (unvalidated) file refers to; anything that is not a string is ignored here and reported by the validator. */
function referencesOf(input: unknown) {
  const file = isRecord(input) ? input : {}
  const rows = (section: string) => (Array.isArray(file[section]) ? (file[section] as unknown[]).filter(isRecord) : [])
  const strings = (section: string, ...fields: string[]) =>
    rows(section).flatMap((r) => fields.map((f) => r[f]).filter((v): v is string => typeof v === 'string'))
  return {
    orgCodes: new Set(strings('organizations', 'code', 'parent').concat(strings('accounts', 'org'), strings('members', 'org'), strings('transfers', 'to'))),
    idCards: new Set(strings('members', 'idCard').concat(strings('changeRequests', 'idCard'), strings('transfers', 'idCard')).map(normalizeIdCard)),
    mobiles: new Set(strings('accounts', 'mobile')),
    wecomUserIds: new Set(strings('accounts', 'wecomUserId').map((s) => s.toLowerCase())),
  }
}

export async function readExisting(db: Kysely<Database>, crypto: DataCrypto, input: unknown): Promise<Existing> {
  const refs = referencesOf(input)
  const members = await readMembers(db, crypto, refs.idCards)
  const orgCodes = new Set([...refs.orgCodes, ...[...members.values()].map((m) => m.org)])
  const orgs = new Map<string, ExistingOrg>()
  const orgsWithAdmin = new Set<string>()
  for (const codes of chunked([...orgCodes], IN_LIST_SIZE)) {
    const rows = await db
      .selectFrom('organizations as o')
      .leftJoin('organizations as p', 'p.id', 'o.parent_id')
      .select(['o.code', 'o.type', 'p.code as parent_code'])
      .where('o.code', 'in', codes)
      .execute()
    for (const r of rows) orgs.set(r.code, { type: r.type, parent: r.parent_code })
    const admins = await db
      .selectFrom('accounts as a')
      .innerJoin('organizations as o', 'o.id', 'a.org_id')
      .select('o.code')
      .where('a.kind', '=', 'admin')
      .where('o.code', 'in', codes)
      .execute()
    for (const r of admins) orgsWithAdmin.add(r.code)
  }
  const accountMobiles = new Set<string>()
  for (const list of chunked([...refs.mobiles], IN_LIST_SIZE)) {
    for (const r of await db.selectFrom('accounts').select('mobile').where('mobile', 'in', list).execute()) if (r.mobile) accountMobiles.add(r.mobile)
  }
  const wecomUserIds = new Set<string>()
  const lowerWecom = sql<string>`lower(wecom_user_id)`
  for (const list of chunked([...refs.wecomUserIds], IN_LIST_SIZE)) {
    for (const r of await db.selectFrom('accounts').select(lowerWecom.as('id')).where(lowerWecom, 'in', list).execute()) wecomUserIds.add(r.id)
  }
  return { orgs, orgsWithAdmin, accountMobiles, wecomUserIds, members }
}

/** Members by ID number, found through the keyed hash (the number itself is stored only encrypted). */
async function readMembers(db: Kysely<Database>, crypto: DataCrypto, idCards: Set<string>): Promise<Map<string, ExistingMember>> {
  const byHash = new Map([...idCards].map((id) => [crypto.lookupHash(id), id]))
  const out = new Map<string, ExistingMember>()
  for (const hashes of chunked([...byHash.keys()], IN_LIST_SIZE)) {
    const rows = await db
      .selectFrom('members as m')
      .innerJoin('organizations as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select('o.code as org_code')
      .where('m.id_card_hash', 'in', hashes)
      .execute()
    if (rows.length === 0) continue
    const open = await db
      .selectFrom('transfers')
      .select('member_id')
      .where('member_id', 'in', rows.map((r) => r.id))
      .where('status', 'in', OPEN_TRANSFER_STATUSES)
      .execute()
    const withOpen = new Set(open.map((r) => r.member_id))
    for (const r of rows) {
      out.set(byHash.get(r.id_card_hash)!, {
        org: r.org_code,
        idCardType: r.id_card_type,
        status: r.profile_status,
        leagueStatus: r.league_status,
        openTransfer: withOpen.has(r.id),
        important: Object.fromEntries(IMPORTANT_FIELDS.map((f) => [f, displayValue(f, r)])),
      })
    }
  }
  return out
}

export class DataKeyMismatch extends Error {}

/**
 * A DATA_KEY other than the one the database was written with would hash ID numbers
 * differently: duplicates would go unseen and the data could not be read back. Refuse early.
 */
export async function assertDataKeyMatches(db: Kysely<Database>, crypto: DataCrypto): Promise<void> {
  const row = await db.selectFrom('members').select('id_card_enc').limit(1).executeTakeFirst()
  if (!row) return
  try {
    crypto.decrypt(row.id_card_enc)
  } catch {
    throw new DataKeyMismatch('DATA_KEY 与数据库中已有数据所用的密钥不一致，请使用写入这些数据时的 DATA_KEY')
  }
}
