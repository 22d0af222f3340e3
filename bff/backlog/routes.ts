import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Page } from '../../shared/api/common'
import { BacklogQuery, BacklogRow, BacklogItemsQuery, BacklogItem, BacklogOrgParam, RemindResult, BacklogWeekly } from '../../shared/api/backlog'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { listBacklog, backlogItems, remind, weeklyArrivals } from './service'

/** docs/CONTRACT.md: 下级待办 (GET /api/backlog …) and 催办 (POST /api/backlog/:orgId/remind). */
export const backlogRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/backlog', { schema: { querystring: BacklogQuery, response: { 200: Page(BacklogRow) } } }, (req) =>
    listBacklog(ctx, actorOf(req), req.query),
  )
  app.get('/backlog/weekly', { schema: { response: { 200: BacklogWeekly } } }, (req) => weeklyArrivals(ctx, actorOf(req)))
  app.get('/backlog/:orgId/items', { schema: { params: BacklogOrgParam, querystring: BacklogItemsQuery, response: { 200: Page(BacklogItem) } } }, (req) =>
    backlogItems(ctx, actorOf(req), req.params.orgId, req.query),
  )
  app.post('/backlog/:orgId/remind', { schema: { params: BacklogOrgParam, response: { 200: RemindResult } } }, (req) =>
    remind(ctx, actorOf(req), req.params.orgId, metaOf(req)),
  )
}
