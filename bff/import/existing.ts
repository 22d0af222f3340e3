/**
 * What the database already holds, as far as an import file refers to it. The validator is
 * pure and sees the database only through this snapshot (read by `readExisting`), so the
 * same checks run for a first import into an empty database and for an addition to a live one.
 */
import type { OrgType } from '../../shared/organizations'
import type { IdCardType, LeagueStatus, ProfileField } from '../../shared/members'
import type { ProfileStatus } from '../../shared/reviews'

export interface ExistingOrg {
  type: OrgType
  /** Code of the parent, null for a root. */
  parent: string | null
}

export interface ExistingMember {
  /** Code of the member's branch. */
  org: string
  idCardType: IdCardType
  status: ProfileStatus
  leagueStatus: LeagueStatus
  /** An application `in_progress` or `awaiting_member` (docs/DOMAIN.md §5: one at a time). */
  openTransfer: boolean
  /** Current values of the important fields, as a change request compares them. */
  important: Partial<Record<ProfileField, string | null>>
}

export interface Existing {
  /** By code: organisations the file refers to or redefines, and the branches of known members. */
  orgs: ReadonlyMap<string, ExistingOrg>
  /** Codes of organisations that already have their 组织账号 (admin). */
  orgsWithAdmin: ReadonlySet<string>
  accountMobiles: ReadonlySet<string>
  /** Lower-cased: WeCom userids do not differ by case. */
  wecomUserIds: ReadonlySet<string>
  /** By normalised ID number. */
  members: ReadonlyMap<string, ExistingMember>
}

export const EMPTY_EXISTING: Existing = {
  orgs: new Map(),
  orgsWithAdmin: new Set(),
  accountMobiles: new Set(),
  wecomUserIds: new Set(),
  members: new Map(),
}
