/**
 * Starting and ending sessions over HTTP: the cookie (HttpOnly, SameSite=Lax, Secure behind
 * https; issue #3) and POST /auth/logout. The WeCom callback and the PC password login both
 * end in `startSession`; GET /auth/session tells whether one is live.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import '@fastify/cookie'
import type { AppContext } from '../context'
import type { Channel } from '../../shared/organizations'
import { createSession, destroySession, loadSession, SESSION_COOKIE } from '../sessions/service'
import { writeAudit } from '../audit/write'
import { findAccount } from '../accounts/repository'
import { AppError } from '../errors'
import { sameToken } from '../plugins/api-auth'

function cookieOptions(ctx: AppContext) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.publicBaseUrl.startsWith('https://'),
  }
}

/** A new session id at every login (no fixation): the old cookie's session is dropped. */
export async function startSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, accountId: number, channel: Channel) {
  await destroySession(ctx, request.cookies[SESSION_COOKIE])
  const { token, expiresAt } = await createSession(ctx, accountId, channel)
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(ctx), expires: expiresAt })
  const account = (await findAccount(ctx.db, accountId))!
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, {
      at: ctx.clock.now().toISOString(),
      accountId,
      orgId: account.org_id,
      action: 'auth.login',
      objectType: 'account',
      objectId: accountId,
      summary: `${account.name}登录（${channel === 'mobile' ? '移动端' : 'PC端'}）`,
      channel,
      ip: request.ip ?? null,
    }),
  )
}

export function registerLogout(app: FastifyInstance, ctx: AppContext) {
  // Whether a session is live, answered 200 either way: the PC workbench asks before its first
  // screen, so a visitor who is not signed in goes to the login page without a 401 in the console.
  app.get('/auth/session', async (request) => ({ signedIn: !!(await loadSession(ctx, request.cookies[SESSION_COOKIE])) }))
  app.post('/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    const session = await loadSession(ctx, token)
    // Logging out is a state change too: it needs the page's CSRF token (no forced logouts).
    const sent = request.headers['x-csrf-token']
    if (session && (typeof sent !== 'string' || !sameToken(sent, session.csrfToken))) throw new AppError('CSRF')
    await destroySession(ctx, token)
    reply.clearCookie(SESSION_COOKIE, cookieOptions(ctx))
    return { ok: true }
  })
}
