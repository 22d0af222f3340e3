import type { Generated } from 'kysely'

/**
 * 线下核验 (docs/DOMAIN.md §4): the explanation and the photos of the member holding the ID card.
 * Photos are sensitive personal information: stored only encrypted (AES-256-GCM, DATA_KEY),
 * never under a public path, served only to that organisation's reviewers.
 */
export interface OfflineVerificationsTable {
  id: Generated<number>
  review_id: number
  member_id: number
  org_id: number
  explanation: string
  verified_by: number
  verified_at: string
  /** When the daily clean-up deleted the photos (PHOTO_RETENTION_DAYS after verified_at, migration 0015); null while they are kept. */
  photos_deleted_at: string | null
}

export interface OfflinePhotosTable {
  id: Generated<number>
  verification_id: number
  mime: 'image/jpeg' | 'image/png'
  size: number
  data_enc: Buffer
}
