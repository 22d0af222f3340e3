import type { PageOf } from '@shared/api/common'
import type { TransferItem, TransferDetail, BatchDecisionBody, BatchResult } from '@shared/api/transfers'
import type { DecisionBody } from '@shared/api/reviews'
import type { TransferBox } from '@shared/transfers'
import { request } from './http'

export interface TransferQuery {
  box: TransferBox
  cursor?: string | null
  limit?: number
  q?: string
}

export const listTransfers = (query: TransferQuery) => request<PageOf<TransferItem>>('GET', '/api/transfers', { query: { ...query } })
export const getTransfer = (id: number) => request<TransferDetail>('GET', `/api/transfers/${id}`)
export const decideTransfer = (id: number, body: DecisionBody) =>
  request<TransferDetail>('POST', `/api/transfers/${id}/decision`, { body })
export const decideTransfers = (body: BatchDecisionBody) => request<BatchResult>('POST', '/api/transfers/decisions', { body })
