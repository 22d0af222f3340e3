import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from './context'
import { actorOf, metaOf } from './plugins/api-auth'
import { isRootAdmin } from './scope'
import { AppError } from './errors'
import { backgroundStatus } from './background'
import { retryFailedJob } from './jobs/service'
import { IdParam } from '../shared/api/common'
import { BackgroundStatus } from '../shared/api/background'

/** The queues are the whole installation's: only the admin of the root organisation sees and retries them. */
function rootAdmin(req: FastifyRequest) {
  const actor = actorOf(req)
  if (!isRootAdmin(actor)) throw new AppError('FORBIDDEN', '只有最高级团组织的组织账号可以查看后台任务状态')
  return actor
}

/** 后台任务 (issue #6, #10): queue length, last errors, dead letters and their 重试. */
export const backgroundRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/background', { schema: { response: { 200: BackgroundStatus } } }, async (req) => {
    rootAdmin(req)
    return backgroundStatus(ctx)
  })
  app.post('/background/jobs/:id/retry', { schema: { params: IdParam, response: { 200: Type.Object({ ok: Type.Literal(true) }) } } }, async (req) => {
    await retryFailedJob(ctx, rootAdmin(req), req.params.id, metaOf(req))
    return { ok: true as const }
  })
}
