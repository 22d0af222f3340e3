/**
 * Liveness and readiness (docs/CONTRACT.md): `/healthz` is the floor every benchmark is
 * compared with, so it touches nothing — no database, no counts. `/readyz` is what a load
 * balancer asks before sending traffic: the database answers and its schema is current.
 * The background counts stay behind the admin-only `/api/background`.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from './context'
import { pendingMigrations } from './db/migrations'

export function registerHealth(app: FastifyInstance, ctx: AppContext) {
  // A static body: Fastify serialises it once per request from a prebuilt schema.
  app.get('/healthz', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async () => ({ ok: true }))

  app.get('/readyz', async (_req, reply) => {
    try {
      const pending = await pendingMigrations(ctx.db)
      if (pending.length > 0) return reply.status(503).send({ ok: false, message: `数据库结构不是最新：${pending.length} 个迁移未执行` })
      return { ok: true }
    } catch {
      // The cause (connection refused, missing table) belongs in the server's log, not here.
      return reply.status(503).send({ ok: false, message: '数据库无法访问' })
    }
  })
}
