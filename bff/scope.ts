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

/** The admin of the root organisation (path `/id/`): installation-wide settings are theirs. */
export function isRootAdmin(actor: Pick<Actor, 'kind' | 'orgPath'>): boolean {
  return actor.kind === 'admin' && actor.orgPath.split('/').length === 3
}
