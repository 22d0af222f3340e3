import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { EXTERNAL_ORG_CODE, type OrgType } from '../../shared/organizations'
import { prefixUpperBound } from '../db/dialect'
import type { OrgRef } from '../../shared/api/common'

type Db = Kysely<Database> | Transaction<Database>

export interface OrgRow {
  id: number
  code: string
  name: string
  type: OrgType
  parent_id: number | null
  path: string
}

export const toOrgRef = (o: Pick<OrgRow, 'id' | 'code' | 'name' | 'type'>): OrgRef => ({ id: o.id, code: o.code, name: o.name, type: o.type })

const ORG_COLUMNS = ['id', 'code', 'name', 'type', 'parent_id', 'path'] as const

/**
 * Committed organisations, per database handle. An organisation is never renamed, moved or
 * deleted once its creating transaction commits (insertOrganization and the import set the
 * path inside that transaction), so a row read outside a transaction stays true and every
 * process may keep it: lists then name their organisations without a query (issue #12).
 * Reads inside a transaction skip the cache — a rolled-back id may be used again.
 * Whoever adds renaming or moving must drop this cache.
 */
const committed = new WeakMap<object, Map<number, OrgRow>>()
const CACHE_MAX = 100_000

function cacheOf(db: Db): Map<number, OrgRow> | null {
  if (db.isTransaction) return null
  let cache = committed.get(db)
  if (!cache) committed.set(db, (cache = new Map()))
  if (cache.size > CACHE_MAX) cache.clear()
  return cache
}

export async function findOrgById(db: Db, id: number): Promise<OrgRow | undefined> {
  return (await orgsByIds(db, [id])).get(id)
}

export async function findOrgByCode(db: Db, code: string): Promise<OrgRow | undefined> {
  return db.selectFrom('organizations').select(ORG_COLUMNS).where('code', '=', code).executeTakeFirst()
}

/** Organisations of a page in one query (never one query per row). */
export async function orgsByIds(db: Db, ids: Iterable<number>): Promise<Map<number, OrgRow>> {
  const cache = cacheOf(db)
  const out = new Map<number, OrgRow>()
  const missing: number[] = []
  for (const id of new Set(ids)) {
    const hit = cache?.get(id)
    if (hit) out.set(id, hit)
    else missing.push(id)
  }
  if (missing.length === 0) return out
  const rows = await db.selectFrom('organizations').select(ORG_COLUMNS).where('id', 'in', missing).execute()
  for (const r of rows) {
    // Shared by every request that reads it: frozen, so nobody changes it for the others.
    out.set(r.id, Object.freeze(r))
    cache?.set(r.id, r)
  }
  return out
}

/**
 * Inserts an organisation under `parent` and sets its materialised path. The path needs the
 * new id, hence insert-then-update inside the caller's transaction.
 */
export async function insertOrganization(
  db: Db,
  o: { code: string; name: string; type: OrgType; parent: Pick<OrgRow, 'id' | 'path'> | null; createdAt: string },
): Promise<OrgRow> {
  const { id } = await db
    .insertInto('organizations')
    .values({ code: o.code, name: o.name, type: o.type, parent_id: o.parent?.id ?? null, path: '', depth: 0, created_at: o.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  const path = `${o.parent?.path ?? '/'}${id}/`
  await db.updateTable('organizations').set({ path, depth: path.split('/').length - 3 }).where('id', '=', id).execute()
  return { id, code: o.code, name: o.name, type: o.type, parent_id: o.parent?.id ?? null, path }
}

/** Pickers: an organisation by code, or by the beginning of its name (never `external`). */
/** By code or name prefix; `withinPath` keeps to the descendants of that organisation (分配, docs/DOMAIN.md §5a). */
export async function searchOrgs(db: Db, q: string, type: OrgRow['type'] | undefined, limit: number, withinPath?: string) {
  let query = db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'o.type', 'o.path', 'p.name as parent_name'])
    .where('o.code', '!=', EXTERNAL_ORG_CODE)
  if (q) query = query.where((eb) => eb.or([eb('o.code', '=', q), eb.and([eb('o.name', '>=', q), eb('o.name', '<', prefixUpperBound(q))])]))
  if (withinPath) query = query.where('o.path', '>', withinPath).where('o.path', '<', prefixUpperBound(withinPath))
  if (type) query = query.where('o.type', '=', type)
  return query.orderBy('o.name').limit(limit).execute()
}
