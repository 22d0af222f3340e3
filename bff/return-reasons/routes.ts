import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ReturnReasonsQuery, ReturnReasons, PresetsBody } from '../../shared/api/return-reasons'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { returnReasons, savePresets } from './service'

/** docs/CONTRACT.md: GET /api/return-reasons; PUT /api/return-reasons/presets (root admin). */
export const returnReasonRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/return-reasons', { schema: { querystring: ReturnReasonsQuery, response: { 200: ReturnReasons } } }, (req) =>
    returnReasons(ctx, actorOf(req), req.query.kind),
  )
  app.put('/return-reasons/presets', { schema: { body: PresetsBody, response: { 200: ReturnReasons } } }, (req) =>
    savePresets(ctx, actorOf(req), req.body, metaOf(req)),
  )
}
