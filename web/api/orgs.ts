import type { OrgSearchItem } from '@shared/api/orgs'
import type { OrgType } from '@shared/organizations'
import { request } from './http'

/** Organisations by code or name prefix, for pickers (转入团支部 of 发起转接). */
export const searchOrgs = (q: string, type?: OrgType, limit?: number) =>
  request<{ items: OrgSearchItem[] }>('GET', '/api/orgs/search', { query: { q, type, limit } })

/** 团支部 of this organisation's own subtree (分配 by a 团委); an empty query lists the first ones. */
export const searchOwnBranches = (q: string, limit = 20) =>
  request<{ items: OrgSearchItem[] }>('GET', '/api/orgs/search', { query: { q: q || undefined, type: 'branch', within: 'self', limit } })
