import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppContext } from './context'
import { actorOf } from './plugins/api-auth'
import { AppError } from './errors'
import { backgroundStatus } from './background'
import { Nullable } from '../shared/api/common'

const BackgroundStatus = Type.Object({
  jobsDue: Type.Integer(),
  deliveriesPending: Type.Integer(),
  lastJobError: Nullable(Type.String()),
  lastDeliveryError: Nullable(Type.String()),
})

/** Queue length and last errors of the background work, for admins (issue #6). */
export const backgroundRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/background', { schema: { response: { 200: BackgroundStatus } } }, async (req) => {
    if (actorOf(req).kind !== 'admin') throw new AppError('FORBIDDEN', '只有组织账号（管理员）可以查看后台任务状态')
    return backgroundStatus(ctx)
  })
}
