/**
 * Organisation look-up for pickers (转入团支部 when a branch initiates a transfer): by code, or
 * by the beginning of the name, over indexes; any organisation of the province may be a target.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { OrgSearchQuery, OrgSearchItem } from '../../shared/api/orgs'
import type { AppContext } from '../context'
import { actorOf } from '../plugins/api-auth'
import { toOrgRef, searchOrgs } from './repository'

export const orgRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/orgs/search', { schema: { querystring: OrgSearchQuery, response: { 200: Type.Object({ items: Type.Array(OrgSearchItem) }) } } }, async (req) => {
    actorOf(req)
    const q = req.query.q.trim()
    const rows = await searchOrgs(ctx.db, q, req.query.type, req.query.limit ?? 20)
    return { items: rows.map((r) => ({ org: toOrgRef(r), parentName: r.parent_name })) }
  })
}
