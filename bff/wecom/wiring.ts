/**
 * Puts WeCom into the app: the client (one per process, so tokens and tickets are cached
 * once), the login routes, the JS-SDK signature route, and the message sender the
 * notification outbox uses.
 */
import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { randomBytes } from 'node:crypto'
import type { AppContext } from '../context'
import type { Config } from '../config'
import { createWecomClient, type WecomClient } from './client'
import { WecomApiError, WecomUnavailableError } from './errors'
import { jssdkSignature, signableUrl } from './signature'
import { wecomLoginRoutes } from '../auth/wecom-routes'
import { startSession } from '../auth/session-routes'
import { findActiveAccountByWecomUserId } from '../accounts/repository'
import { JssdkSignature, JssdkSignatureQuery } from '../../shared/api/me'
import { AppError } from '../errors'
import { actorOf } from '../plugins/api-auth'
import type { MessageSender } from '../notifications/outbox'

export function wireWecom(ctx: AppContext, wecom: NonNullable<Config['wecom']>, logger?: { warn(o: object, m: string): void; error(o: object, m: string): void }) {
  const client = createWecomClient({
    apiBase: wecom.apiBase,
    corpId: wecom.corpId,
    agents: { [wecom.agentId]: wecom.secret },
    clock: ctx.clock,
    logger,
  })
  const sender: MessageSender = {
    async send(payload) {
      try {
        const res = await client.sendMessage({ ...(payload as Parameters<WecomClient['sendMessage']>[0]), agentid: wecom.agentId })
        return { invaliduser: res.invaliduser.join('|') || undefined, msgid: res.msgid ?? undefined }
      } catch (err) {
        if (err instanceof WecomApiError) throw Object.assign(new Error(err.message), { errcode: err.errcode })
        throw err
      }
    },
  }
  return {
    client,
    sender,
    /** Login routes at the root. */
    async register(root: FastifyInstance) {
      await root.register(wecomLoginRoutes, {
        config: {
          corpId: wecom.corpId,
          agentId: wecom.agentId,
          oauthBase: wecom.oauthBase,
          loginBase: wecom.loginBase,
          publicBaseUrl: ctx.config.publicBaseUrl,
          secureCookies: ctx.config.publicBaseUrl.startsWith('https://'),
          stateSecret: ctx.config.sessionSecret,
        },
        wecom: client,
        clock: ctx.clock,
        findAccountByWecomUserId: (userid) => findActiveAccountByWecomUserId(ctx.db, userid),
        startSession: (request, reply, accountId, channel) => startSession(ctx, request, reply, accountId, channel),
      })
    },
    /** The JS-SDK signature route, inside the /api scope (session required). */
    apiRoutes: jssdkRoutes(ctx, client, wecom),
  }
}

function jssdkRoutes(ctx: AppContext, client: WecomClient, wecom: NonNullable<Config['wecom']>): FastifyPluginAsyncTypebox {
  const ownOrigin = new URL(ctx.config.publicBaseUrl).origin
  return async (api) => {
    api.get('/wecom/jssdk-signature', { schema: { querystring: JssdkSignatureQuery, response: { 200: JssdkSignature } } }, async (req) => {
      actorOf(req)
      const url = signableUrl(req.query.url)
      let origin: string
      try {
        origin = new URL(url).origin
      } catch {
        throw new AppError('VALIDATION', 'url: 不是有效的网址', { fields: [{ path: 'query.url', message: '不是有效的网址' }] })
      }
      // Only our own pages are signed: otherwise the BFF is a signing oracle for any site (docs/WECOM.md §5.3).
      if (origin !== ownOrigin) throw new AppError('FORBIDDEN', '只能为本应用的页面签名')
      try {
        const ticket = req.query.type === 'agent' ? await client.getAgentTicket() : await client.getJsapiTicket()
        const timestamp = Math.floor(ctx.clock.now().getTime() / 1000)
        const nonceStr = randomBytes(12).toString('base64url')
        return { corpId: wecom.corpId, agentId: wecom.agentId, timestamp, nonceStr, signature: jssdkSignature(ticket, nonceStr, timestamp, url) }
      } catch (err) {
        if (err instanceof WecomUnavailableError || err instanceof WecomApiError) {
          req.log.warn({ err: err.message }, 'jssdk ticket unavailable')
          throw new AppError('UPSTREAM')
        }
        throw err
      }
    })
  }
}
