import type { InitiateTransferBody, TransferDetail } from '@shared/api/transfers'
import { request } from './http'

/** 发起转接: a 团支部 for its member (docs/DOMAIN.md §5). */
export const initiateTransfer = (body: InitiateTransferBody) => request<TransferDetail>('POST', '/api/transfers', { body })
/** 撤回 what this 团支部 initiated (reason required). */
export const withdrawTransfer = (id: number, body: { reason: string; version: number }) =>
  request<TransferDetail>('POST', `/api/transfers/${id}/withdraw`, { body })
