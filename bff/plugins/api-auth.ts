/**
 * The `/api` guard: every request needs a live session (401 otherwise), and every non-GET
 * request needs the session's CSRF token in `X-CSRF-Token` (403 `CSRF`). docs/CONTRACT.md "JSON API".
 */
import type { RequestMeta } from '../audit/write'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import '@fastify/cookie'
import { loadSession, SESSION_COOKIE, type LoadedSession } from '../sessions/service'
import { AppError } from '../errors'
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { timingSafeEqual } from 'node:crypto'

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | null
  }
}

/** Methods that change nothing: no CSRF token asked, no change counted (rate-limits.ts). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Constant-time comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function registerApiAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('session', null)
  app.addHook('onRequest', async (request) => {
    const session = await loadSession(ctx, request.cookies[SESSION_COOKIE])
    if (!session) throw new AppError('UNAUTHENTICATED')
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token']
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw new AppError('CSRF')
    }
    request.session = session
  })
}

/** The signed-in actor of a request inside the `/api` scope. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED')
  return request.session.actor
}

/** The request's channel and address for the audit row of whatever it changes. */
export function metaOf(request: FastifyRequest): RequestMeta {
  return { channel: request.session?.channel ?? 'mobile', ip: request.ip ?? null }
}
