import type { PageOf } from '@shared/api/common'
import type { BacklogRow, BacklogItem, BacklogSort, BacklogWeekly, RemindResult } from '@shared/api/backlog'
import { request } from './http'

/** 下级待办: the organisations directly below `under` (default: mine), docs/DOMAIN.md §6. */
export const listBacklog = (query: { sort: BacklogSort; under?: number | null; cursor?: string | null; limit?: number }) =>
  request<PageOf<BacklogRow>>('GET', '/api/backlog', { query: { ...query } })

/** What waits at one organisation below, read-only. */
export const listBacklogItems = (orgId: number, query: { kind: 'profile' | 'transfer'; cursor?: string | null; limit?: number }) =>
  request<PageOf<BacklogItem>>('GET', `/api/backlog/${orgId}/items`, { query: { ...query } })

export const backlogWeekly = () => request<BacklogWeekly>('GET', '/api/backlog/weekly')

/** 催办: one WeCom card to that organisation's operators, at most once a day. */
export const remindOrg = (orgId: number) => request<RemindResult>('POST', `/api/backlog/${orgId}/remind`)
