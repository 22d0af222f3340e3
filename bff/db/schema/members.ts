import type { Generated } from 'kysely'
import type { IdCardType, LeagueStatus, Gender } from '../../../shared/members'
import type { ProfileStatus, RealNameStatus } from '../../../shared/reviews'

/**
 * A member (团员). The ID number and the phone number are stored only encrypted (AES-256-GCM
 * with DATA_KEY) and found by a keyed hash (HMAC-SHA-256); lists use the ID's stored mask and
 * decrypt only the phone numbers of the page to mask them.
 */
export interface MembersTable {
  id: Generated<number>
  org_id: number
  name: string
  id_card_type: IdCardType
  id_card_enc: string
  id_card_hash: string
  id_card_masked: string
  /** Always '' since migration 0008: kept only so old rows can be sealed (sealPersonalData). */
  birth_date: string
  /** Foreign IDs only, encrypted; a resident's birth date is read from the ID number. */
  birth_date_enc: string | null
  gender: Gender
  /** Always '' since migration 0011: kept only so old rows can be sealed (sealPersonalData). */
  mobile: string
  /** The phone number, encrypted (docs/DOMAIN.md §6a); null only on a row not yet sealed. */
  mobile_enc: string | null
  /** Keyed hash of the phone number, for the 手机号码 filter. */
  mobile_hash: string | null
  nation: string
  education: string
  highest_education: string | null
  occupation: string
  political_outlook: string
  league_since: string
  league_unit: string | null
  study_work_unit: string | null
  income: string | null
  is_cadre: 0 | 1
  cadre_title: string | null
  cadre_since: string | null
  cadre_nature: string | null
  cadre_in_party_committee: 0 | 1 | null
  member_no: string | null
  /** 预计毕业时间, yyyy-MM (docs/DOMAIN.md §5a). */
  expected_graduation: string | null
  profile_status: ProfileStatus
  realname_status: RealNameStatus
  league_status: LeagueStatus
  added_at: string
  applied_at: string | null
  reviewed_at: string | null
  version: Generated<number>
  updated_at: string
}
