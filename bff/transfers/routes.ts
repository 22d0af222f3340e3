import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParam, Page } from '../../shared/api/common'
import {
  TransferListQuery, TransferItem, TransferDetail, TransferDecisionBody, BatchDecisionBody, BatchResult, InitiateTransferBody, WithdrawBody,
  BatchInitiateBody, BatchInitiateResult, AllocationBody, BatchAllocationBody,
} from '../../shared/api/transfers'
import { initiateByBranch, initiateBatchByBranch, withdrawByBranch } from './branch-actions'
import { allocateTransfer, allocateTransfers } from './allocation'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { listTransfers, getTransfer, decideTransfer, decideTransfers } from './service'
import { transferPageJson } from './list-json'
import { keptPageSerializer } from '../kept-pages'

export const transferRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The schema documents the answer; list-json.ts writes it (the same JSON, list-json.test.ts),
  // once for a kept page (bff/kept-pages.ts).
  app.get(
    '/transfers',
    { schema: { querystring: TransferListQuery, response: { 200: Page(TransferItem) } }, serializerCompiler: keptPageSerializer(transferPageJson as (page: object) => string) },
    (req) => listTransfers(ctx, actorOf(req), req.query),
  )
  app.get('/transfers/:id', { schema: { params: IdParam, response: { 200: TransferDetail } } }, (req) =>
    getTransfer(ctx, actorOf(req), req.params.id),
  )
  app.post('/transfers/:id/decision', { schema: { params: IdParam, body: TransferDecisionBody, response: { 200: TransferDetail } } }, async (req) => {
    await decideTransfer(ctx, actorOf(req), req.params.id, req.body, metaOf(req))
    return getTransfer(ctx, actorOf(req), req.params.id)
  })
  app.post('/transfers/decisions', { schema: { body: BatchDecisionBody, response: { 200: BatchResult } } }, (req) =>
    decideTransfers(ctx, actorOf(req), req.body, metaOf(req)),
  )
  // 分配 by the 团委 of a 毕业 transfer's 待分配 node (docs/DOMAIN.md §5a).
  app.post('/transfers/:id/allocation', { schema: { params: IdParam, body: AllocationBody, response: { 200: TransferDetail } } }, async (req) => {
    await allocateTransfer(ctx, actorOf(req), req.params.id, req.body, metaOf(req))
    return getTransfer(ctx, actorOf(req), req.params.id)
  })
  app.post('/transfers/allocations', { schema: { body: BatchAllocationBody, response: { 200: BatchResult } } }, (req) =>
    allocateTransfers(ctx, actorOf(req), req.body, metaOf(req)),
  )
}

/** A 团支部 initiates for its member and withdraws what it initiated (docs/DOMAIN.md §5, issue #5). */
export const transferInitiationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/transfers', { schema: { body: InitiateTransferBody, response: { 200: TransferDetail } } }, async (req) => {
    const actor = actorOf(req)
    const { transferId } = await initiateByBranch(ctx, actor, req.body, metaOf(req))
    return getTransfer(ctx, actor, transferId)
  })
  app.post('/transfers/batch', { schema: { body: BatchInitiateBody, response: { 200: BatchInitiateResult } } }, (req) =>
    initiateBatchByBranch(ctx, actorOf(req), req.body, metaOf(req)),
  )
  app.post('/transfers/:id/withdraw', { schema: { params: IdParam, body: WithdrawBody, response: { 200: TransferDetail } } }, async (req) => {
    const actor = actorOf(req)
    await withdrawByBranch(ctx, actor, req.params.id, req.body, metaOf(req))
    return getTransfer(ctx, actor, req.params.id)
  })
}
