import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParam, Page } from '../../shared/api/common'
import { MemberListQuery, MemberSummary, MemberDetail } from '../../shared/api/members'
import type { AppContext } from '../context'
import { actorOf } from '../plugins/api-auth'
import { listMembers, getMember } from './service'

export const memberRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/members', { schema: { querystring: MemberListQuery, response: { 200: Page(MemberSummary) } } }, (req) =>
    listMembers(ctx, actorOf(req), req.query),
  )
  app.get('/members/:id', { schema: { params: IdParam, response: { 200: MemberDetail } } }, (req) =>
    getMember(ctx, actorOf(req), req.params.id),
  )
}
