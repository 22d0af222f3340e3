/**
 * Organisation look-up for pickers (转入团支部 when a branch initiates a transfer): by code, or
 * by the beginning of the name, over indexes; any organisation of the province may be a target.
 * `within=self` keeps to the caller's subtree (the 团委's branch picker for 分配), where an empty
 * query lists the first branches by name.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { OrgSearchQuery, OrgSearchItem } from '../../shared/api/orgs'
import type { AppContext } from '../context'
import { actorOf } from '../plugins/api-auth'
import { toOrgRef, searchOrgs } from './repository'
import { AppError } from '../errors'
import { canSeeOrg } from '../scope'

export const orgRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/orgs/search', { schema: { querystring: OrgSearchQuery, response: { 200: Type.Object({ items: Type.Array(OrgSearchItem) }) } } }, async (req) => {
    const actor = actorOf(req)
    const q = req.query.q?.trim() ?? ''
    const within = req.query.within === 'self'
    if (!q && !within) throw new AppError('VALIDATION', 'q: 请输入组织名称或代码', { fields: [{ path: 'q', message: '请输入组织名称或代码' }] })
    const rows = await searchOrgs(ctx.db, q, req.query.type, req.query.limit ?? 20, within ? actor.orgPath : undefined)
    // Codes are login names: only for the caller's own subtree (issue #11).
    return { items: rows.map((r) => ({ org: { ...toOrgRef(r), code: canSeeOrg(actor, r.path) ? r.code : null }, parentName: r.parent_name })) }
  })
}
