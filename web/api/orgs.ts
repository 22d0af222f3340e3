import type { OrgSearchItem } from '@shared/api/orgs'
import type { OrgType } from '@shared/organizations'
import { request } from './http'

/** Organisations by code or name prefix, for pickers (转入团支部 of 发起转接). */
export const searchOrgs = (q: string, type?: OrgType, limit?: number) =>
  request<{ items: OrgSearchItem[] }>('GET', '/api/orgs/search', { query: { q, type, limit } })
