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

export async function findOrgById(db: Db, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom('organizations').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export async function findOrgByCode(db: Db, code: string): Promise<OrgRow | undefined> {
  return db.selectFrom('organizations').select(ORG_COLUMNS).where('code', '=', code).executeTakeFirst()
}

/** Organisations of a page in one query (never one query per row). */
export async function orgsByIds(db: Db, ids: Iterable<number>): Promise<Map<number, OrgRow>> {
  const list = [...new Set(ids)]
  if (list.length === 0) return new Map()
  const rows = await db.selectFrom('organizations').select(ORG_COLUMNS).where('id', 'in', list).execute()
  return new Map(rows.map((r) => [r.id, r]))
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
    .select(['o.id', 'o.code', 'o.name', 'o.type', 'p.name as parent_name'])
    .where('o.code', '!=', EXTERNAL_ORG_CODE)
  if (q) query = query.where((eb) => eb.or([eb('o.code', '=', q), eb.and([eb('o.name', '>=', q), eb('o.name', '<', prefixUpperBound(q))])]))
  if (withinPath) query = query.where('o.path', '>', withinPath).where('o.path', '<', prefixUpperBound(withinPath))
  if (type) query = query.where('o.type', '=', type)
  return query.orderBy('o.name').limit(limit).execute()
}
