/** Accounts: the operators of an organisation and how they log in. */
import { type Kysely, type Transaction, type Insertable } from 'kysely'
import type { Database } from '../db/schema'
import type { AccountsTable } from '../db/schema/accounts'
import { expectChanged } from '../db/guarded'

type Db = Kysely<Database> | Transaction<Database>

const COLUMNS = ['id', 'org_id', 'name', 'kind', 'mobile', 'wecom_user_id', 'active', 'password_hash', 'root_admin'] as const

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

/** The PC login: a mobile number names an operator, an organisation code its admin account. */
export async function findLoginAccount(db: Db, key: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.kind', 'a.password_hash', 'a.active'])
    .where((eb) => (/^1\d{10}$/.test(key) ? eb('a.mobile', '=', key) : eb.and([eb('o.code', '=', key), eb('a.kind', '=', 'admin')])))
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

/** Every active account with its organisation, the province first: the demo's list of who can log in (npm start). */
export async function listActiveAccountsWithOrg(db: Db) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.name', 'a.kind', 'a.wecom_user_id', 'a.mobile', 'o.name as org_name', 'o.code as org_code', 'o.depth'])
    .where('a.active', '=', 1)
    .orderBy('o.depth')
    .orderBy('a.id')
    .execute()
}
