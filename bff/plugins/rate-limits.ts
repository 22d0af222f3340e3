/**
 * Per-account rate limits of the `/api` scope (issue #11, docs/CONTRACT.md `RATE_LIMIT_*`):
 * every change an account makes (POST, PUT, PATCH, DELETE: decisions, batches, allocations,
 * transfers, uploads) counts against `changesPerMinute`; a route marked `config.rateLimit:
 * 'upload'` also counts against `uploadsPerHour`. Checked in `onRequest`, after the session
 * is known and before a byte of the body is read, so a flood of uploads costs no buffering.
 * Over the limit: 429 RATE_LIMITED with Retry-After. Counted per process
 * (bff/security/rate-limit.ts), which is enough to stop a runaway script or a stolen session.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'
import { createRateLimiter } from '../security/rate-limit'
import { SAFE_METHODS } from './api-auth'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An upload route: counted against the hourly upload limit as well. */
    rateLimit?: 'upload'
  }
}

/** Register after registerApiAuth in the same scope: it reads the session that hook loaded. */
export function registerAccountRateLimits(api: FastifyInstance, ctx: AppContext) {
  const { changesPerMinute, uploadsPerHour } = ctx.config.rateLimits
  const changes = createRateLimiter({ limit: changesPerMinute, windowMs: 60_000, clock: ctx.clock })
  const uploads = createRateLimiter({ limit: uploadsPerHour, windowMs: 3_600_000, clock: ctx.clock, message: `每小时最多上传${uploadsPerHour}次核验照片，请稍后再试` })
  api.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.session) return
    const account = request.session.actor.accountId
    if (request.routeOptions.config.rateLimit === 'upload') uploads.hit(account)
    changes.hit(account)
  })
}
