/**
 * Writes the file's organisations, parents first, in batches. The materialised path
 * (`/1/5/23/`, bff/db/schema/organizations.ts) needs the row's own id, which
 * insertOrganization gets with one insert and one update per row; here each level of the
 * tree is one multi-row insert per batch plus one UPDATE that derives every path of the batch
 * from its parent's — the same rule, `parent.path + id + '/'`, in two statements per batch.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { EXTERNAL_ORG_CODE, EXTERNAL_ORG_NAME } from '../../shared/organizations'
import { insertOrganization, type OrgRow } from '../orgs/repository'
import type { ImportOrganization } from './format'
import { insertOrgLevel, orgRowsByCode } from './repository'

/**
 * Inserts `orgs` and answers every organisation the rest of the file names, by code: the new
 * ones, those of `referenced` already in the database, and `external` (created when missing).
 */
export async function writeOrganizations(
  trx: Transaction<Database>,
  orgs: ImportOrganization[],
  referenced: Iterable<string>,
  createdAt: string,
): Promise<{ byCode: Map<string, OrgRow>; created: number }> {
  const byCode = new Map<string, OrgRow>()
  const fileCodes = new Set(orgs.map((o) => o.code))
  const wanted = [...new Set([...referenced, EXTERNAL_ORG_CODE])].filter((c) => !fileCodes.has(c))
  for (const row of await orgRowsByCode(trx, wanted)) byCode.set(row.code, row)
  let created = 0
  if (!byCode.has(EXTERNAL_ORG_CODE)) {
    // docs/DOMAIN.md §1: the pseudo-organisation that receives members transferring out of the province.
    byCode.set(EXTERNAL_ORG_CODE, await insertOrganization(trx, { code: EXTERNAL_ORG_CODE, name: EXTERNAL_ORG_NAME, type: 'external', parent: null, createdAt }))
    created++
  }
  for (const level of levelsOf(orgs)) {
    const rows = level.map((o) => ({ code: o.code, name: o.name, type: o.type, parent_id: o.parent === null ? null : byCode.get(o.parent)!.id, created_at: createdAt }))
    for (const row of await insertOrgLevel(trx, rows)) byCode.set(row.code, row)
    created += rows.length
  }
  return { byCode, created }
}

/** Level 0: parent outside the file (or none); level n: parent on level n − 1. The validator has ruled out cycles. */
function levelsOf(orgs: ImportOrganization[]): ImportOrganization[][] {
  const byCode = new Map(orgs.map((o) => [o.code, o]))
  const depth = new Map<string, number>()
  const depthOf = (o: ImportOrganization): number => {
    const known = depth.get(o.code)
    if (known !== undefined) return known
    const parent = o.parent === null ? undefined : byCode.get(o.parent)
    const d = parent ? depthOf(parent) + 1 : 0
    depth.set(o.code, d)
    return d
  }
  const levels: ImportOrganization[][] = []
  for (const o of orgs) (levels[depthOf(o)] ??= []).push(o)
  return levels.filter(Boolean)
}
