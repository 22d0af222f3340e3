import { request } from './http'

/** Queue length and last errors of the background work (the root organisation's admin only). */
export interface BackgroundStatus {
  jobsDue: number
  deliveriesPending: number
  lastJobError: string | null
  lastDeliveryError: string | null
}

export const getBackgroundStatus = () => request<BackgroundStatus>('GET', '/api/background')
