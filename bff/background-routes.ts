import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppContext } from './context'
import { actorOf } from './plugins/api-auth'
import { isRootAdmin } from './scope'
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
    // The queues are the whole installation's: only the admin of the root organisation sees them.
    const actor = actorOf(req)
    if (!isRootAdmin(actor)) throw new AppError('FORBIDDEN', '只有最高级团组织的组织账号可以查看后台任务状态')
    return backgroundStatus(ctx)
  })
}
