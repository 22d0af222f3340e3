/**
 * What an account may see and decide (docs/DOMAIN.md §1): it sees its organisation and all
 * descendants; it decides only what is assigned to its own organisation; viewers decide nothing.
 * Organisation paths are materialised (`/1/5/23/`), so "descendant" is a prefix test.
 */
import { canDecide, type AccountKind } from '../shared/organizations'

export interface Actor {
  accountId: number
  accountName: string
  kind: AccountKind
  /** docs/DOMAIN.md §1 "Root admin": an explicit flag of the account, never the tree's shape. */
  rootAdmin: boolean
  orgId: number
  orgPath: string
  orgType: string
}

export function canSeeOrg(actor: Pick<Actor, 'orgPath'>, orgPath: string): boolean {
  return orgPath.startsWith(actor.orgPath)
}

export function canDecideFor(actor: Pick<Actor, 'kind' | 'orgId'>, orgId: number): boolean {
  return canDecide(actor.kind) && actor.orgId === orgId
}

/** Installation-wide settings (后台任务, preset 常用退回原因) belong to accounts flagged root admin. */
export function isRootAdmin(actor: Pick<Actor, 'kind' | 'rootAdmin'>): boolean {
  return actor.kind === 'admin' && actor.rootAdmin
}
