import type { PageOf } from '@shared/api/common'
import type {
  TransferItem, TransferDetail, BatchDecisionBody, BatchResult, BatchInitiateBody, BatchInitiateResult, AllocationBody, BatchAllocationBody,
} from '@shared/api/transfers'
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

/** 毕业 batch initiation by a 团支部 (docs/DOMAIN.md §5a). */
export const initiateTransfers = (body: BatchInitiateBody) => request<BatchInitiateResult>('POST', '/api/transfers/batch', { body })
/** 分配 by the 团委 of the 待分配 node: one graduate (the phone), or many to one 团支部 (PC). */
export const allocateTransfer = (id: number, body: AllocationBody) =>
  request<TransferDetail>('POST', `/api/transfers/${id}/allocation`, { body })
export const allocateTransfers = (body: BatchAllocationBody) => request<BatchResult>('POST', '/api/transfers/allocations', { body })
