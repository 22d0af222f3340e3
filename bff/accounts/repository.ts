/** Accounts: the operators of an organisation and how they log in. */
import { type Kysely, type Transaction, type Insertable } from 'kysely'
import type { Database } from '../db/schema'
import type { AccountsTable } from '../db/schema/accounts'
import { expectChanged } from '../db/guarded'
import type { DataCrypto } from '../security/data-crypto'

type Db = Kysely<Database> | Transaction<Database>

const COLUMNS = ['id', 'org_id', 'name', 'kind', 'mobile', 'mobile_enc', 'wecom_user_id', 'active', 'password_hash', 'root_admin'] as const

type MobileColumns = Pick<AccountsTable, 'mobile' | 'mobile_enc' | 'mobile_hash'>

/**
 * The columns that hold an account's phone number (docs/DOMAIN.md §6a, migration 0012):
 * encrypted, and a keyed hash the PC login and the UNIQUE index go by; never in clear.
 */
export function accountMobileColumns(crypto: DataCrypto, mobile: string | null): MobileColumns {
  return mobile === null
    ? { mobile: null, mobile_enc: null, mobile_hash: null }
    : { mobile: null, mobile_enc: crypto.encrypt(mobile), mobile_hash: crypto.lookupHash(mobile) }
}

/** The account's phone number, decrypted (a row an older version left unsealed still has it in clear). */
export function accountMobile(crypto: DataCrypto, a: Pick<AccountsTable, 'mobile' | 'mobile_enc'>): string | null {
  return a.mobile_enc ? crypto.decrypt(a.mobile_enc) : a.mobile
}

export async function listAccountsOfOrg(db: Db, orgId: number, limit: number) {
  return db.selectFrom('accounts').select(COLUMNS).where('org_id', '=', orgId).orderBy('id').limit(limit).execute()
}

export async function findAccount(db: Db, id: number) {
  return db.selectFrom('accounts').select(COLUMNS).where('id', '=', id).executeTakeFirst()
}
export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>

export async function insertAccount(db: Db, values: Insertable<AccountsTable>): Promise<number> {
  return (await db.insertInto('accounts').values(values).returning('id').executeTakeFirstOrThrow()).id
}

/**
 * Changes an operator's role or state, guarded by what the admin saw (`kind`, `active`): a
 * second admin's change in between is a StaleError, not a silent overwrite.
 */
export async function updateAccountRole(db: Db, seen: Pick<AccountRow, 'id' | 'kind' | 'active'>, set: { kind?: AccountRow['kind']; active?: 0 | 1 }) {
  const res = await db.updateTable('accounts').set(set).where('id', '=', seen.id).where('kind', '=', seen.kind).where('active', '=', seen.active).executeTakeFirst()
  expectChanged(res)
}

/**
 * Sets a new password hash, guarded by the hash that was read (verified or replaced): of two
 * resets at once only one temporary password is ever shown.
 */
export async function replacePassword(db: Db, seen: Pick<AccountRow, 'id' | 'password_hash'>, hash: string) {
  let q = db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', seen.id)
  q = seen.password_hash === null ? q.where('password_hash', 'is', null) : q.where('password_hash', '=', seen.password_hash)
  expectChanged(await q.executeTakeFirst())
}

export async function setNotificationsEnabled(db: Db, accountId: number, enabled: boolean) {
  await db.updateTable('accounts').set({ notifications_enabled: enabled ? 1 : 0 }).where('id', '=', accountId).execute()
}

/** An active account bound to this WeCom user (the WeCom login). */
export async function findActiveAccountByWecomUserId(db: Db, userid: string) {
  return (await db.selectFrom('accounts').select('id').where('wecom_user_id', '=', userid).where('active', '=', 1).executeTakeFirst()) ?? null
}

/**
 * The PC login: a mobile number names an operator (found by its keyed hash, the number is
 * stored only encrypted), an organisation code its admin account.
 */
export async function findLoginAccount(db: Db, key: string, crypto: Pick<DataCrypto, 'lookupHash'>) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.kind', 'a.password_hash', 'a.active'])
    .where((eb) => (/^1\d{10}$/.test(key) ? eb('a.mobile_hash', '=', crypto.lookupHash(key)) : eb.and([eb('o.code', '=', key), eb('a.kind', '=', 'admin')])))
    .orderBy('a.id')
    .executeTakeFirst()
}

/** Who decided, for detail pages: id, name and kind of each account, in one query. */
export async function accountNamesByIds(db: Db, ids: (number | null)[]) {
  const list = [...new Set(ids.filter((x): x is number => x !== null))]
  if (list.length === 0) return new Map<number, { id: number; name: string; kind: AccountRow['kind'] }>()
  const rows = await db.selectFrom('accounts').select(['id', 'name', 'kind']).where('id', 'in', list).execute()
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Every active account with its organisation, the province first: the demo's list of who can
 * log in (npm start), which decrypts the phone numbers (accountMobile).
 */
export async function listActiveAccountsWithOrg(db: Db) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.name', 'a.kind', 'a.wecom_user_id', 'a.mobile', 'a.mobile_enc', 'o.name as org_name', 'o.code as org_code', 'o.depth'])
    .where('a.active', '=', 1)
    .orderBy('o.depth')
    .orderBy('a.id')
    .execute()
}

/**
 * The next page, in id order, of accounts whose phone number is still in clear (sealPersonalData);
 * empty once everything is sealed.
 */
export function unsealedAccountMobiles(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'mobile'])
    .where('mobile', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .$narrowType<{ mobile: string }>()
    .execute()
}

/** Seals one phone number, only if it is still the clear value read (a process started beside this one may have changed it). */
export async function sealAccountMobile(db: Db, id: number, clear: string, sealed: MobileColumns): Promise<void> {
  await db.updateTable('accounts').set(sealed).where('id', '=', id).where('mobile', '=', clear).execute()
}
