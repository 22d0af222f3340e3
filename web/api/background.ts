import { request } from './http'
import type { BackgroundStatus } from '@shared/api/background'

export type { BackgroundStatus, FailedJob } from '@shared/api/background'

/** Queue length, last errors and dead-lettered jobs (the root organisation's admin only). */
export const getBackgroundStatus = () => request<BackgroundStatus>('GET', '/api/background')

/** 重试: a dead-lettered job runs again (audited). */
export const retryBackgroundJob = (id: number) => request<{ ok: true }>('POST', `/api/background/jobs/${id}/retry`)
