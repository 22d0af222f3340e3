/**
 * Reads the `Existing` snapshot: only the rows an import file names (its codes, ID numbers,
 * mobiles and WeCom userids), in `IN (…)` batches, so checking a file against a province's
 * database costs what the file costs, not what the database holds.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { DataCrypto } from '../security/data-crypto'
import { IMPORTANT_FIELDS } from '../../shared/members'
import { normalizeIdCard } from '../../shared/idcard'
import { displayValue } from '../members/changes'
import type { Existing, ExistingMember, ExistingOrg } from './existing'
import {
  anyEncryptedIdCard, membersWithOpenTransfer, membersWithOrgCode, orgCodesWithAdmin, orgsWithParentCode, takenMobileHashes, takenWecomUserIds,
} from './repository'
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
  for (const r of await orgsWithParentCode(db, orgCodes)) orgs.set(r.code, { type: r.type, parent: r.parent_code })
  return {
    orgs,
    orgsWithAdmin: new Set(await orgCodesWithAdmin(db, orgCodes)),
    accountMobiles: await takenMobiles(db, crypto, refs.mobiles),
    wecomUserIds: new Set(await takenWecomUserIds(db, refs.wecomUserIds)),
    members,
  }
}

/** Of these mobiles, those an account already has, found through the keyed hash (stored only encrypted). */
async function takenMobiles(db: Kysely<Database>, crypto: DataCrypto, mobiles: Set<string>): Promise<Set<string>> {
  const byHash = new Map([...mobiles].map((m) => [crypto.lookupHash(m), m]))
  return new Set((await takenMobileHashes(db, byHash.keys())).map((h) => byHash.get(h)!))
}

/** Members by ID number, found through the keyed hash (the number itself is stored only encrypted). */
async function readMembers(db: Kysely<Database>, crypto: DataCrypto, idCards: Set<string>): Promise<Map<string, ExistingMember>> {
  const byHash = new Map([...idCards].map((id) => [crypto.lookupHash(id), id]))
  const rows = await membersWithOrgCode(db, byHash.keys())
  const withOpen = await membersWithOpenTransfer(db, rows.map((r) => r.id))
  const out = new Map<string, ExistingMember>()
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
  return out
}

export class DataKeyMismatch extends Error {}

/**
 * A DATA_KEY other than the one the database was written with would hash ID numbers
 * differently: duplicates would go unseen and the data could not be read back. Refuse early.
 */
export async function assertDataKeyMatches(db: Kysely<Database>, crypto: DataCrypto): Promise<void> {
  const sample = await anyEncryptedIdCard(db)
  if (sample === undefined) return
  try {
    crypto.decrypt(sample)
  } catch {
    throw new DataKeyMismatch('DATA_KEY 与数据库中已有数据所用的密钥不一致，请使用写入这些数据时的 DATA_KEY')
  }
}
