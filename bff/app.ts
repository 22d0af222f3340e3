/**
 * buildApp: the whole BFF as one Fastify instance built from explicit dependencies
 * (fastify/demo's shape). server.ts only reads config, listens and closes.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import cookie from '@fastify/cookie'
import type { AppContext } from './context'
import { registerErrorHandling } from './errors'
import { registerApiAuth } from './plugins/api-auth'
import { registerAccountRateLimits } from './plugins/rate-limits'
import { reviewRoutes, offlineRoutes } from './reviews/routes'
import { transferRoutes, transferInitiationRoutes } from './transfers/routes'
import { memberRoutes } from './members/routes'
import { auditRoutes } from './audit/routes'
import { meRoutes } from './dashboard/routes'
import { accountRoutes } from './accounts/routes'
import { orgRoutes } from './orgs/routes'
import { integrationRoutes } from './integration/routes'
import { backgroundRoutes } from './background-routes'
import { returnReasonRoutes } from './return-reasons/routes'
import { backlogRoutes } from './backlog/routes'
import { registerHealth } from './health'
import { OneLinePerRequest, redactedRequest } from './logging'
import { registerJsonCompression } from './plugins/compress-json'
import { registerSecurityHeaders } from './plugins/security-headers'
import { BODY_LIMIT, registerStrictValidation } from './plugins/strict-validation'

export interface AppOptions {
  ctx: AppContext
  logger?: FastifyServerOptions['logger']
  /** Extra plugins at the root (WeCom login, password login, static files) registered by the caller. */
  extend?: (app: FastifyInstance) => Promise<void> | void
  /** Extra plugins inside the /api scope (session and CSRF apply), e.g. JS-SDK signatures. */
  apiExtend?: (api: FastifyInstance) => Promise<void> | void
  /** What /api/me tells the page for ww.register; null without WeCom. */
  wecomPublic?: { corpId: string; agentId: string } | null
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: string[]
  /** The public address is https (PUBLIC_BASE_URL): answers carry HSTS. */
  https?: boolean
  /** CSP hash sources of the served pages' inline scripts (plugins/static.ts builtInlineScriptHashes). */
  scriptHashes?: string[]
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { ctx } = opts
  const app = Fastify({
    logger: opts.logger ? { ...(typeof opts.logger === 'object' ? opts.logger : {}), serializers: { req: redactedRequest } } : false,
    trustProxy: opts.trustProxy?.length ? opts.trustProxy : false,
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
  })
  registerErrorHandling(app)
  registerStrictValidation(app)
  registerSecurityHeaders(app, { https: opts.https ?? false, scriptHashes: opts.scriptHashes })
  registerJsonCompression(app)
  await app.register(cookie)
  registerHealth(app, ctx)

  await app.register(
    async (api) => {
      registerApiAuth(api, ctx)
      registerAccountRateLimits(api, ctx)
      await api.register(meRoutes, { ctx, wecom: opts.wecomPublic ?? null })
      await api.register(reviewRoutes, { ctx })
      await api.register(offlineRoutes, { ctx })
      await api.register(transferRoutes, { ctx })
      await api.register(transferInitiationRoutes, { ctx })
      await api.register(memberRoutes, { ctx })
      await api.register(auditRoutes, { ctx })
      await api.register(accountRoutes, { ctx })
      await api.register(orgRoutes, { ctx })
      await api.register(backgroundRoutes, { ctx })
      await api.register(returnReasonRoutes, { ctx })
      await api.register(backlogRoutes, { ctx })
      if (opts.apiExtend) await opts.apiExtend(api)
    },
    { prefix: '/api' },
  )
  await app.register(integrationRoutes, { ctx, prefix: '/integration/v1' })
  if (opts.extend) await opts.extend(app)
  return app
}
