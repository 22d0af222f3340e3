import type { Generated } from 'kysely'
import type { OrgType } from '../../../shared/organizations'

/**
 * The organisation tree. `path` is the materialised path of ids (`/1/5/23/`): "this
 * organisation and its descendants" is one indexed range over `path`, whatever the depth
 * or size of the tree (docs/ARCHITECTURE.md: no query that grows with the tree).
 */
export interface OrganizationsTable {
  id: Generated<number>
  code: string
  name: string
  type: OrgType
  parent_id: number | null
  path: string
  depth: number
  created_at: string
}
