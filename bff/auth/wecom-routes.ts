/**
 * GET /auth/login and GET /auth/wecom/callback (docs/CONTRACT.md "Login"; docs/WECOM.md §2, §3, §12).
 * A plain encapsulated plugin: its dependencies come in as options, so it is tested on its own
 * against the simulator, and its error handler (HTML pages) stays inside it. The app must have
 * registered @fastify/cookie.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import '@fastify/cookie'
import { ERRORS } from '../../shared/errors'
import type { WecomClient } from '../wecom/client'
import { WecomApiError, WecomUnavailableError } from '../wecom/errors'
import { sendErrorPage } from './error-page'
import {
  CALLBACK_PATH,
  LOGIN_STATE_COOKIE,
  LOGIN_STATE_COOKIE_PATH,
  LOGIN_STATE_TTL_MS,
  MAX_CODE_LENGTH,
  buildAuthorizeUrl,
  buildWebLoginUrl,
  callbackUrl,
  isWeComUserAgent,
  loginChannel,
  newLoginState,
  openLoginState,
  safeNextPath,
  sameState,
  sealLoginState,
} from './wecom-login'

interface WecomLoginConfig {
  corpId: string
  agentId: string
  /** WECOM_OAUTH_BASE, e.g. https://open.weixin.qq.com */
  oauthBase: string
  /** WECOM_LOGIN_BASE, e.g. https://login.work.weixin.qq.com */
  loginBase: string
  /** PUBLIC_BASE_URL: redirect_uri = `${publicBaseUrl}/auth/wecom/callback`. */
  publicBaseUrl: string
  secureCookies: boolean
  /** Key of the state cookie's HMAC. */
  stateSecret: string
}

export interface WecomLoginOptions {
  config: WecomLoginConfig
  wecom: Pick<WecomClient, 'getUserInfoByCode'>
  findAccountByWecomUserId(userid: string): Promise<{ id: number } | null>
  /** Sets the session cookie; the plugin then redirects to `next`. */
  startSession(request: FastifyRequest, reply: FastifyReply, accountId: number, channel: 'mobile' | 'pc'): Promise<void>
  clock?: { now(): Date }
}

const LoginQuery = {
  type: 'object',
  properties: { next: { type: 'string' } },
} as const

const CallbackQuery = {
  type: 'object',
  properties: { code: { type: 'string' }, state: { type: 'string' } },
} as const

const retryHref = (next: string) => `/auth/login?next=${encodeURIComponent(next)}`
const SWITCH_ACCOUNT_HREF = retryHref('/')

export const wecomLoginRoutes: FastifyPluginAsync<WecomLoginOptions> = async (app, opts) => {
  const { config, wecom } = opts
  const nowMs = () => (opts.clock ?? { now: () => new Date() }).now().getTime()
  const stateCookie = {
    path: LOGIN_STATE_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax' as const, // sent on WeCom's top-level GET redirect back to us
    secure: config.secureCookies,
  }

  // Failures of these browser navigations are pages, not the API's JSON (docs/CONTRACT.md "Login").
  app.setErrorHandler((err, request, reply) => {
    const status = (err as { statusCode?: number }).statusCode
    if (status && status >= 400 && status < 500) {
      return sendErrorPage(reply, 400, { title: '请求格式不正确', action: { href: retryHref('/'), label: '重新登录' } })
    }
    request.log.error({ err }, 'wecom login failed')
    return sendErrorPage(reply, 500, { title: ERRORS.INTERNAL.message, action: { href: retryHref('/'), label: '重新登录' } })
  })

  app.get<{ Querystring: { next?: string } }>('/auth/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const next = safeNextPath(request.query.next)
    const state = newLoginState()
    reply.setCookie(LOGIN_STATE_COOKIE, sealLoginState({ state, next }, config.stateSecret, nowMs()), {
      ...stateCookie,
      maxAge: LOGIN_STATE_TTL_MS / 1000,
    })
    const input = { corpId: config.corpId, agentId: config.agentId, redirectUri: callbackUrl(config.publicBaseUrl), state }
    // Inside WeCom the silent OAuth works; elsewhere it would only say "请在企业微信客户端打开链接" (docs/WECOM.md §2.3).
    const target = isWeComUserAgent(request.headers['user-agent'])
      ? buildAuthorizeUrl(config.oauthBase, input)
      : buildWebLoginUrl(config.loginBase, input)
    return reply.header('cache-control', 'no-store').redirect(target, 302)
  })

  app.get<{ Querystring: { code?: string; state?: string } }>(
    CALLBACK_PATH,
    { schema: { querystring: CallbackQuery } },
    async (request, reply) => {
      const { code, state } = request.query
      const sealed = openLoginState(request.cookies[LOGIN_STATE_COOKIE], config.stateSecret, nowMs())
      const next = sealed?.next ?? '/'
      const retry = { href: retryHref(next), label: '重新登录' }

      if (!sealed || !state || !sameState(state, sealed.state)) {
        reply.clearCookie(LOGIN_STATE_COOKIE, stateCookie)
        return sendErrorPage(reply, 400, {
          title: '登录请求无效',
          message: '登录链接已失效，或不是从本浏览器发起的。请重新进入。',
          action: retry,
        })
      }
      // The state is single-use: the cookie now remembers it as used, so reloading this
      // callback (a used code) tells the person to log in again instead of calling WeCom.
      if (sealed.used) {
        reply.clearCookie(LOGIN_STATE_COOKIE, stateCookie)
        return sendErrorPage(reply, 401, { title: ERRORS.UNAUTHENTICATED.message, message: '登录链接已使用，请点击下方按钮重新登录。', action: retry })
      }
      reply.setCookie(LOGIN_STATE_COOKIE, sealLoginState({ ...sealed, used: true }, config.stateSecret, nowMs()), {
        ...stateCookie,
        maxAge: LOGIN_STATE_TTL_MS / 1000,
      })
      // Denied consent comes back with state only (docs/WECOM.md §2.3, §3.2).
      if (!code) {
        return sendErrorPage(reply, 401, { title: '未完成企业微信授权', message: '没有获得您的企业微信身份，请重新进入并允许授权。', action: retry })
      }
      if (code.length > MAX_CODE_LENGTH) {
        return sendErrorPage(reply, 400, { title: '登录请求无效', message: '登录凭证格式不正确，请重新进入。', action: retry })
      }

      let identity: Awaited<ReturnType<WecomLoginOptions['wecom']['getUserInfoByCode']>>
      try {
        identity = await wecom.getUserInfoByCode(code)
      } catch (err) {
        if (err instanceof WecomApiError && err.errcode === 40029) {
          // Used twice or older than 5 minutes (docs/WECOM.md §2.2): a fresh OAuth fixes it.
          return sendErrorPage(reply, 401, { title: ERRORS.UNAUTHENTICATED.message, message: '登录凭证已失效，请点击下方按钮重新登录。', action: retry })
        }
        if (err instanceof WecomUnavailableError) {
          request.log.warn({ err }, 'WeCom unreachable during login')
          return sendErrorPage(reply, 502, { title: ERRORS.UPSTREAM.message, message: '暂时无法连接企业微信完成登录，请稍后重试。', action: retry })
        }
        if (err instanceof WecomApiError) {
          // A configuration mistake (already logged by the client with what to fix).
          request.log.error({ err }, 'WeCom refused the login')
          return sendErrorPage(reply, 502, { title: '企业微信登录暂时不可用', message: '请稍后重试；如果一直无法登录，请联系系统管理员。', action: retry })
        }
        throw err
      }

      if ('openid' in identity) {
        // Not a member of this corp (docs/WECOM.md §4.2 b).
        request.log.info('WeCom login by a non-member refused')
        return sendErrorPage(reply, 403, { title: '您无权访问此页面，请联系所在团组织的管理员开通权限', action: { href: SWITCH_ACCOUNT_HREF, label: '换个账号登录' } })
      }
      const account = await opts.findAccountByWecomUserId(identity.userid)
      if (!account) {
        request.log.warn({ wecomUserId: identity.userid }, 'WeCom member has no account')
        return sendErrorPage(reply, 403, { title: '您无权访问此页面，请联系所在团组织的管理员开通权限', action: { href: SWITCH_ACCOUNT_HREF, label: '换个账号登录' } })
      }
      await opts.startSession(request, reply, account.id, loginChannel(request.headers['user-agent']))
      return reply.header('cache-control', 'no-store').redirect(next, 302)
    },
  )
}
