import type { PageOf } from '@shared/api/common'
import type { ProfileReviewItem, ProfileReviewDetail, DecisionBody } from '@shared/api/reviews'
import { request } from './http'

export interface ProfileReviewQuery {
  state: 'pending' | 'handled'
  cursor?: string | null
  limit?: number
  q?: string
}

export const listProfileReviews = (query: ProfileReviewQuery) =>
  request<PageOf<ProfileReviewItem>>('GET', '/api/profile-reviews', { query: { ...query } })
export const getProfileReview = (id: number) => request<ProfileReviewDetail>('GET', `/api/profile-reviews/${id}`)
export const decideProfileReview = (id: number, body: DecisionBody) =>
  request<ProfileReviewDetail>('POST', `/api/profile-reviews/${id}/decision`, { body })
