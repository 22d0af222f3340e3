/**
 * `/integration/v1/*` for the member-facing system, behind `Authorization: Bearer
 * $INTEGRATION_TOKEN` (docs/CONTRACT.md). No cookies, no CSRF: a server-to-server API.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { timingSafeEqual, createHash } from 'node:crypto'
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { IdParam } from '../../shared/api/common'
import { RegistrationBody, ChangeRequestBody, TransferBody, ReasonBody, ReviewIdParam, IdCardParam } from './schemas'
import {
  submitRegistration, withdrawRegistration, submitChangeRequest, applyTransfer,
  confirmTransfer, withdrawTransferByMember, memberStatus,
} from './service'

const digest = (s: string) => createHash('sha256').update(s).digest()

export const integrationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const expected = digest(ctx.config.integrationToken)
  app.addHook('onRequest', async (req) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    // Compare digests so the comparison is constant-time whatever the lengths.
    if (!m || !timingSafeEqual(digest(m[1]), expected)) throw new AppError('UNAUTHENTICATED', '集成接口令牌无效')
  })
  const ok = { ok: true as const }

  app.post('/registrations', { schema: { body: RegistrationBody } }, async (req, reply) => {
    reply.status(201)
    return submitRegistration(ctx, req.body)
  })
  app.post('/registrations/:reviewId/withdraw', { schema: { params: ReviewIdParam } }, async (req) => {
    await withdrawRegistration(ctx, req.params.reviewId)
    return ok
  })
  app.post('/change-requests', { schema: { body: ChangeRequestBody } }, async (req, reply) => {
    reply.status(201)
    return submitChangeRequest(ctx, req.body)
  })
  app.post('/transfers', { schema: { body: TransferBody } }, async (req, reply) => {
    reply.status(201)
    return applyTransfer(ctx, req.body)
  })
  app.post('/transfers/:id/confirm', { schema: { params: IdParam } }, async (req) => {
    await confirmTransfer(ctx, req.params.id)
    return ok
  })
  app.post('/transfers/:id/withdraw', { schema: { params: IdParam, body: Type.Optional(ReasonBody) } }, async (req) => {
    await withdrawTransferByMember(ctx, req.params.id, req.body?.reason)
    return ok
  })
  app.get('/members/:idCard', { schema: { params: IdCardParam } }, (req) => memberStatus(ctx, req.params.idCard))
}
