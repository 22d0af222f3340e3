/**
 * `/integration/v1/*` for the member-facing system, behind `Authorization: Bearer
 * $INTEGRATION_TOKEN` (docs/CONTRACT.md). No cookies, no CSRF: a server-to-server API.
 * The routes call the same domain services as the PC and mobile routes (docs/ARCHITECTURE.md).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { timingSafeEqual, createHash } from 'node:crypto'
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { createRateLimiter } from '../security/rate-limit'
import { IdParam } from '../../shared/api/common'
import { RegistrationBody, ChangeRequestBody, TransferBody, ReasonBody, ReviewIdParam, IdCardParam } from './schemas'
import { INTEGRATION_META as meta } from '../audit/write'
import { submitRegistration, withdrawRegistration, submitChangeRequest } from '../reviews/submissions'
import { applyByMember, confirmByMember, withdrawByMember } from '../transfers/member-actions'
import { memberStatus } from '../members/status'

const digest = (s: string) => createHash('sha256').update(s).digest()

export const integrationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const expected = digest(ctx.config.integrationToken)
  const perToken = createRateLimiter({ limit: ctx.config.rateLimits.integrationPerMinute, windowMs: 60_000, clock: ctx.clock, message: '集成接口调用过于频繁，请按 Retry-After 稍后重试' })
  app.addHook('onRequest', async (req) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    // Compare digests so the comparison is constant-time whatever the lengths.
    if (!m || !timingSafeEqual(digest(m[1]), expected)) throw new AppError('UNAUTHENTICATED', '集成接口令牌无效')
    // One token, one caller: a runaway client gets 429 with Retry-After, not the whole BFF.
    perToken.hit('integration')
  })
  const ok = { ok: true as const }

  app.post('/registrations', { schema: { body: RegistrationBody } }, async (req, reply) => {
    reply.status(201)
    return submitRegistration(ctx, req.body, meta)
  })
  app.post('/registrations/:reviewId/withdraw', { schema: { params: ReviewIdParam } }, async (req) => {
    await withdrawRegistration(ctx, req.params.reviewId, meta)
    return ok
  })
  app.post('/change-requests', { schema: { body: ChangeRequestBody } }, async (req, reply) => {
    reply.status(201)
    return submitChangeRequest(ctx, req.body, meta)
  })
  app.post('/transfers', { schema: { body: TransferBody } }, async (req, reply) => {
    reply.status(201)
    return applyByMember(ctx, req.body, meta)
  })
  app.post('/transfers/:id/confirm', { schema: { params: IdParam } }, async (req) => {
    await confirmByMember(ctx, req.params.id, meta)
    return ok
  })
  app.post('/transfers/:id/withdraw', { schema: { params: IdParam, body: Type.Optional(ReasonBody) } }, async (req) => {
    await withdrawByMember(ctx, req.params.id, req.body?.reason, meta)
    return ok
  })
  app.get('/members/:idCard', { schema: { params: IdCardParam } }, (req) => memberStatus(ctx, req.params.idCard))
}
