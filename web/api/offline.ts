import type { ProfileReviewDetail } from '@shared/api/reviews'
import { request } from './http'

/**
 * 线下通过 (docs/DOMAIN.md §4): the explanation and 1–8 photos as multipart/form-data; the answer is
 * the approved review with `realNameStatus: offline_passed`.
 */
export function submitOfflineVerification(id: number, input: { reason: string; version: number; photos: readonly File[] }) {
  const form = new FormData()
  form.append('reason', input.reason)
  form.append('version', String(input.version))
  for (const photo of input.photos) form.append('photos', photo, photo.name)
  return request<ProfileReviewDetail>('POST', `/api/profile-reviews/${id}/offline-verification`, { body: form })
}
