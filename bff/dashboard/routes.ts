import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Me, Dashboard } from '../../shared/api/me'
import { Ok } from '../../shared/api/common'
import type { AppContext } from '../context'
import { actorOf } from '../plugins/api-auth'
import { isRootAdmin } from '../scope'
import { findOrgById, toOrgRef } from '../orgs/repository'
import { dashboard } from './service'
import { setOwnNotifications } from '../accounts/service'

export const meRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; wecom: { corpId: string; agentId: string } | null }> = async (app, { ctx, wecom }) => {
  app.get('/me', { schema: { response: { 200: Me } } }, async (req) => {
    const actor = actorOf(req)
    const org = (await findOrgById(ctx.db, actor.orgId))!
    return {
      account: { id: actor.accountId, name: actor.accountName, kind: actor.kind },
      org: toOrgRef(org),
      csrfToken: req.session!.csrfToken,
      pcSiteUrl: ctx.config.pcSiteUrl,
      wecom,
      notificationsEnabled: req.session!.notificationsEnabled,
      seesBackground: isRootAdmin(actor),
    }
  })
  app.get('/dashboard', { schema: { response: { 200: Dashboard } } }, (req) => dashboard(ctx, actorOf(req)))
  // Operators switch WeCom notifications off and on in 我的 (issue #6).
  app.put('/me/notifications', { schema: { body: Type.Object({ enabled: Type.Boolean() }), response: { 200: Ok } } }, (req) =>
    setOwnNotifications(ctx, actorOf(req), req.body.enabled),
  )
}
