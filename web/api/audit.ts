import type { PageOf } from '@shared/api/common'
import type { AuditEntry } from '@shared/api/audit'
import { request } from './http'

/** 操作日志 of this organisation, newest first (组织账号 only). */
export const listAudit = (query: { cursor?: string | null; limit?: number }) =>
  request<PageOf<AuditEntry>>('GET', '/api/audit-log', { query: { ...query } })
