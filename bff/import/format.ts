/**
 * The import file (docs/CONTRACT.md "Import file"): what a file may contain (`Import*`, optional
 * fields optional) and what the validator hands to the loader (`Valid*`: defaults filled in,
 * ID numbers normalised, times as `toISOString()` so they sort like every other stored time).
 */
import type { AccountKind, OrgType } from '../../shared/organizations'
import type { CADRE_NATURES, IdCardType, LeagueStatus, ProfileField } from '../../shared/members'
import type { ProfileStatus, RealNameStatus } from '../../shared/reviews'
import type { TransferCause, TransferInitiator, TransferKind } from '../../shared/transfers'
import type { MemberFields } from '../members/repository'

/** `external` is not importable: the loader creates the pseudo-organisation itself (docs/DOMAIN.md §1). */
export type ImportOrgType = Exclude<OrgType, 'external'>

export interface ImportOrganization {
  code: string
  name: string
  type: ImportOrgType
  parent: string | null
}

export interface ImportAccount {
  org: string
  kind: AccountKind
  name: string
  mobile?: string | null
  wecomUserId?: string | null
  /** Initial PC password; stored only as a scrypt hash. */
  password?: string | null
  /** The stored scrypt hash itself (`scrypt$N$r$p$salt$hash`), as `npm run export` writes it: the password moves unseen. */
  passwordHash?: string | null
  /** Installation-wide rights (docs/DOMAIN.md §1 "Root admin"); admin accounts only. */
  rootAdmin?: boolean
}

/** A member row of the file: the member's own fields (as the integration API takes them) and its workflow state. */
export interface ImportMember extends Omit<MemberFields, 'idCardType' | 'cadreNature'> {
  org: string
  idCardType?: IdCardType
  cadreNature?: (typeof CADRE_NATURES)[number] | null
  status: ProfileStatus
  realNameStatus: RealNameStatus
  leagueStatus?: LeagueStatus
  appliedAt?: string | null
  addedAt?: string | null
  reviewedAt?: string | null
  /** The 退回原因 of a returned registration or change, kept as history. */
  returnReason?: string | null
  /** 预计毕业时间 (yyyy-MM): selects a graduating class (docs/DOMAIN.md §5a). */
  expectedGraduation?: string | null
}

/** Fields a change request may carry: only the important ones need a review (docs/DOMAIN.md §3). */
type ChangeValue = string | boolean | null

export interface ImportChangeRequest {
  idCard: string
  changes: Partial<Record<ProfileField, ChangeValue>>
  submittedAt?: string | null
}

export interface ImportTransfer {
  idCard: string
  to: string
  kind: TransferKind
  cause: TransferCause
  causeNote?: string | null
  studyWorkUnit: string
  appliedAt?: string | null
  initiator?: TransferInitiator
  /** Start at this node; earlier nodes are recorded as agreed (docs/CONTRACT.md). */
  atStep?: number | null
}

export interface ImportFile {
  organizations?: ImportOrganization[]
  accounts?: ImportAccount[]
  members?: ImportMember[]
  changeRequests?: ImportChangeRequest[]
  transfers?: ImportTransfer[]
}

export const SECTIONS = ['organizations', 'accounts', 'members', 'changeRequests', 'transfers'] as const

export type ValidMember = Omit<ImportMember, 'idCardType' | 'leagueStatus' | 'appliedAt' | 'addedAt' | 'reviewedAt' | 'returnReason'> & {
  idCardType: IdCardType
  leagueStatus: LeagueStatus
  appliedAt: string | null
  addedAt: string
  reviewedAt: string | null
  returnReason: string | null
}

export interface ValidChangeRequest {
  idCard: string
  /** Display values as diffChanges compares them (booleans as 是/否). */
  changes: Partial<Record<ProfileField, string | null>>
  submittedAt: string
}

export type ValidTransfer = Omit<ImportTransfer, 'causeNote' | 'appliedAt' | 'initiator' | 'atStep'> & {
  causeNote: string | null
  appliedAt: string
  initiator: TransferInitiator
  atStep: number | null
}

export interface ValidImport {
  organizations: ImportOrganization[]
  accounts: Required<ImportAccount>[]
  members: ValidMember[]
  changeRequests: ValidChangeRequest[]
  transfers: ValidTransfer[]
}

/** How many records of each section a file holds, and how many rows the loader wrote. */
export interface ImportCounts {
  organizations: number
  accounts: number
  members: number
  registrationReviews: number
  changeRequests: number
  transfers: number
  /** Real-name check jobs queued for imported 校验中 members and re-checks of recent 未通过 ones. */
  realNameChecks: number
  /** Rows inserted or updated, all tables together (transfer steps included). */
  rows: number
}
