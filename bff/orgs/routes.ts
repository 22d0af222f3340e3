/**
 * Organisation look-up for pickers (转入团支部 when a branch initiates a transfer): by code, or
 * by the beginning of the name, over indexes; any organisation of the province may be a target.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { OrgSearchQuery, OrgSearchItem } from '../../shared/api/orgs'
import type { AppContext } from '../context'
import { actorOf } from '../plugins/api-auth'
import { prefixUpperBound } from '../db/dialect'
import { toOrgRef } from './repository'
import { EXTERNAL_ORG_CODE } from '../../shared/organizations'

export const orgRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/orgs/search', { schema: { querystring: OrgSearchQuery, response: { 200: Type.Object({ items: Type.Array(OrgSearchItem) }) } } }, async (req) => {
    actorOf(req)
    const q = req.query.q.trim()
    let query = ctx.db
      .selectFrom('organizations as o')
      .leftJoin('organizations as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.code', 'o.name', 'o.type', 'p.name as parent_name'])
      .where((eb) => eb.or([eb('o.code', '=', q), eb.and([eb('o.name', '>=', q), eb('o.name', '<', prefixUpperBound(q))])]))
      .where('o.code', '!=', EXTERNAL_ORG_CODE)
    if (req.query.type) query = query.where('o.type', '=', req.query.type)
    const rows = await query.orderBy('o.name').limit(req.query.limit ?? 20).execute()
    return { items: rows.map((r) => ({ org: toOrgRef(r), parentName: r.parent_name })) }
  })
}
