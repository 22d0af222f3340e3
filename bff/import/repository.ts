/**
 * The import's SQL (docs/CONTRACT.md "Import file"): look-ups of the keys a file names, in
 * `IN (…)` lists of IN_LIST_SIZE, and multi-row inserts in batches that fit the variable
 * limit (chunks.ts). The decisions — what to check, what to write in which order — stay in
 * read-existing.ts, write-orgs.ts and load.ts.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { AccountsTable } from '../db/schema/accounts'
import type { MembersTable } from '../db/schema/members'
import type { OrganizationsTable } from '../db/schema/organizations'
import type { ProfileReviewsTable } from '../db/schema/profile-reviews'
import type { MemberRow } from '../members/repository'
import type { OrgRow } from '../orgs/repository'
import { OPEN_TRANSFER_STATUSES } from '../transfers/route'
import { chunked, inBatches, IN_LIST_SIZE } from './chunks'
import { isPostgres } from '../db/dialect'
import { insertRows } from '../db/insert-rows'

type Db = Kysely<Database> | Transaction<Database>

/** Runs `query` over `keys` in IN lists and concatenates the answers. */
async function inLists<K, R>(keys: Iterable<K>, query: (list: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (const list of chunked([...keys], IN_LIST_SIZE)) out.push(...(await query(list)))
  return out
}

/**
 * Whether the schema exists, asked through the connection's own search path (the
 * introspector would list every PostgreSQL schema's tables).
 */
export async function hasTables(db: Kysely<Database>): Promise<boolean> {
  return db.selectFrom('organizations').select('id').limit(1).execute().then(
    () => true,
    () => false,
  )
}

/** One member's encrypted ID number (any member's), to check DATA_KEY against; undefined on an empty database. */
export async function anyEncryptedIdCard(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('members').select('id_card_enc').limit(1).executeTakeFirst()
  return row?.id_card_enc
}

/** Organisations by code, with their parent's code. */
export function orgsWithParentCode(db: Db, codes: Iterable<string>) {
  return inLists(codes, (list) =>
    db
      .selectFrom('organizations as o')
      .leftJoin('organizations as p', 'p.id', 'o.parent_id')
      .select(['o.code', 'o.type', 'p.code as parent_code'])
      .where('o.code', 'in', list)
      .execute(),
  )
}

/** Of these organisation codes, those that already have an admin account. */
export async function orgCodesWithAdmin(db: Db, codes: Iterable<string>): Promise<string[]> {
  const rows = await inLists(codes, (list) =>
    db
      .selectFrom('accounts as a')
      .innerJoin('organizations as o', 'o.id', 'a.org_id')
      .select('o.code')
      .where('a.kind', '=', 'admin')
      .where('o.code', 'in', list)
      .execute(),
  )
  return rows.map((r) => r.code)
}

/** Of these keyed hashes of mobiles, those an account already has (accounts_mobile_hash, migration 0012). */
export async function takenMobileHashes(db: Db, hashes: Iterable<string>): Promise<string[]> {
  const rows = await inLists(hashes, (list) => db.selectFrom('accounts').select('mobile_hash').where('mobile_hash', 'in', list).execute())
  return rows.flatMap((r) => (r.mobile_hash ? [r.mobile_hash] : []))
}

/** Of these WeCom userids (lower case), those an account already has, compared case-insensitively. */
export async function takenWecomUserIds(db: Db, lowerCaseIds: Iterable<string>): Promise<string[]> {
  const lowerWecom = sql<string>`lower(wecom_user_id)`
  const rows = await inLists(lowerCaseIds, (list) => db.selectFrom('accounts').select(lowerWecom.as('id')).where(lowerWecom, 'in', list).execute())
  return rows.map((r) => r.id)
}

/** Whole member rows by ID-number hash, with their organisation's code. */
export function membersWithOrgCode(db: Db, hashes: Iterable<string>) {
  return inLists(hashes, (list) =>
    db
      .selectFrom('members as m')
      .innerJoin('organizations as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select('o.code as org_code')
      .where('m.id_card_hash', 'in', list)
      .execute(),
  )
}

/** Of these members, those with a 转接 still open. */
export async function membersWithOpenTransfer(db: Db, memberIds: Iterable<number>): Promise<Set<number>> {
  const rows = await inLists(memberIds, (list) =>
    db.selectFrom('transfers').select('member_id').where('member_id', 'in', list).where('status', 'in', OPEN_TRANSFER_STATUSES).execute(),
  )
  return new Set(rows.map((r) => r.member_id))
}

/** Whole member rows by ID-number hash. */
export function membersByHash(db: Db, hashes: Iterable<string>): Promise<MemberRow[]> {
  return inLists(hashes, (list) => db.selectFrom('members').selectAll().where('id_card_hash', 'in', list).execute())
}

const ORG_COLUMNS = ['id', 'code', 'name', 'type', 'parent_id', 'path'] as const

export function orgRowsByCode(db: Db, codes: Iterable<string>): Promise<OrgRow[]> {
  return inLists(codes, (list) => db.selectFrom('organizations').select(ORG_COLUMNS).where('code', 'in', list).execute())
}

/**
 * Inserts organisations whose parents are already written, and derives each one's
 * materialised path and depth from its parent's (`parent.path + id + '/'`) in one UPDATE per
 * batch: the same rule insertOrganization applies to one row.
 */
export async function insertOrgLevel(trx: Transaction<Database>, rows: Omit<Insertable<OrganizationsTable>, 'path' | 'depth'>[]): Promise<OrgRow[]> {
  const out: OrgRow[] = []
  await inBatches(
    rows.map((r) => ({ ...r, path: '', depth: 0 })),
    async (batch) => {
      const ids = (await trx.insertInto('organizations').values(batch).returning('id').execute()).map((r) => r.id)
      await trx
        .updateTable('organizations')
        .set({
          path: sql`coalesce((select p.path from organizations p where p.id = organizations.parent_id), '/') || cast(organizations.id as varchar(20)) || '/'`,
          depth: sql`coalesce((select p.depth + 1 from organizations p where p.id = organizations.parent_id), 0)`,
        })
        .where('id', 'in', ids)
        .execute()
      out.push(...(await trx.selectFrom('organizations').select(ORG_COLUMNS).where('id', 'in', ids).execute()))
    },
  )
  return out
}

/** Members in batches; answers each new id by its ID-number hash (RETURNING does not promise the input order). */
export async function insertMemberRows(trx: Transaction<Database>, rows: Insertable<MembersTable>[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  await inBatches(rows, async (batch) => {
    for (const r of await insertRows(trx, 'members', batch, { returning: ['id', 'id_card_hash'] })) ids.set(r.id_card_hash as string, Number(r.id))
  })
  return ids
}

export async function insertProfileReviews(trx: Transaction<Database>, rows: Insertable<ProfileReviewsTable>[]): Promise<void> {
  await inBatches(rows, (batch) => insertRows(trx, 'profile_reviews', batch).then(() => undefined))
}

export async function insertAccounts(trx: Transaction<Database>, rows: Insertable<AccountsTable>[]): Promise<void> {
  await inBatches(rows, (batch) => trx.insertInto('accounts').values(batch).execute().then(() => undefined))
}

/** Members with a 修改资料 request waiting: `change_pending`, a new version. */
export async function markChangePending(trx: Transaction<Database>, memberIds: number[], now: string): Promise<void> {
  for (const ids of chunked(memberIds, IN_LIST_SIZE)) {
    await trx.updateTable('members').set({ profile_status: 'change_pending', updated_at: now, version: sql`version + 1` }).where('id', 'in', ids).execute()
  }
}

/** A secondary index as the migrations created it: its name and the statement that creates it. */
export interface IndexDefinition {
  name: string
  sql: string
}

export type BulkTable = 'members' | 'profile_reviews' | 'transfers' | 'transfer_steps'

export async function isEmptyTable(trx: Transaction<Database>, table: BulkTable): Promise<boolean> {
  return !(await trx.selectFrom(table).select('id').limit(1).executeTakeFirst())
}

/**
 * The table's secondary indexes, read from the database itself (sqlite_master, pg_index), so
 * they are re-created exactly as the migrations made them and the schema has no second copy
 * in code. Unique indexes (the key and the one-open-per-member rules) are left out: they stay
 * and keep guarding the rows while they are written.
 */
export async function secondaryIndexes(trx: Db, table: BulkTable): Promise<IndexDefinition[]> {
  const query = isPostgres(trx)
    ? sql<IndexDefinition>`
        select i.relname as name, pg_get_indexdef(x.indexrelid) as sql
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = current_schema() and t.relname = ${table} and not x.indisunique
          and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
        order by i.relname`
    : // origin 'c': made by CREATE INDEX (not a UNIQUE or PRIMARY KEY constraint of the table).
      sql<IndexDefinition>`
        select l.name as name, m.sql as sql
        from pragma_index_list(${table}) l
        join sqlite_master m on m.type = 'index' and m.name = l.name
        where l."unique" = 0 and l.origin = 'c' and m.sql is not null
        order by l.name`
  return (await query.execute(trx)).rows
}

export async function dropIndexes(trx: Transaction<Database>, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx)
}

/** Creates the indexes again from their own statements, as read by secondaryIndexes. */
export async function createIndexes(trx: Transaction<Database>, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) await sql.raw(index.sql).execute(trx)
}
