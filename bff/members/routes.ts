import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParam, Page } from '../../shared/api/common'
import { MemberListQuery, MemberSummary, MemberDetail, RevealedIdCard, ExpectedGraduationBody } from '../../shared/api/members'
import { REVEAL_ID_PER_HOUR } from '../../shared/limits'
import { createRateLimiter } from '../security/rate-limit'
import { revealIdCard } from './reveal'
import { setExpectedGraduation } from './graduation'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { listMembers, getMember } from './service'

export const memberRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/members', { schema: { querystring: MemberListQuery, response: { 200: Page(MemberSummary) } } }, (req) =>
    listMembers(ctx, actorOf(req), req.query),
  )
  app.get('/members/:id', { schema: { params: IdParam, response: { 200: MemberDetail } } }, (req) =>
    getMember(ctx, actorOf(req), req.params.id),
  )
  app.put('/members/:id/expected-graduation', { schema: { params: IdParam, body: ExpectedGraduationBody, response: { 200: MemberDetail } } }, (req) =>
    setExpectedGraduation(ctx, actorOf(req), req.params.id, req.body, metaOf(req)),
  )
  const revealLimiter = createRateLimiter({ limit: REVEAL_ID_PER_HOUR, windowMs: 3_600_000, clock: ctx.clock, message: `每小时最多查看${REVEAL_ID_PER_HOUR}次完整号码，请稍后再试` })
  app.post('/members/:id/reveal-id-card', { schema: { params: IdParam, response: { 200: RevealedIdCard } } }, (req) =>
    revealIdCard(ctx, actorOf(req), req.params.id, metaOf(req), revealLimiter),
  )
}
