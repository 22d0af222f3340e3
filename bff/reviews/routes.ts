import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParam, Page, ErrorBody } from '../../shared/api/common'
import { ProfileReviewListQuery, ProfileReviewItem, ProfileReviewDetail, DecisionBody } from '../../shared/api/reviews'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { listProfileReviews, getProfileReview, decideProfileReview } from './service'

export const reviewRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/profile-reviews', { schema: { querystring: ProfileReviewListQuery, response: { 200: Page(ProfileReviewItem) } } }, (req) =>
    listProfileReviews(ctx, actorOf(req), req.query),
  )
  app.get('/profile-reviews/:id', { schema: { params: IdParam, response: { 200: ProfileReviewDetail, 404: ErrorBody } } }, (req) =>
    getProfileReview(ctx, actorOf(req), req.params.id),
  )
  app.post(
    '/profile-reviews/:id/decision',
    { schema: { params: IdParam, body: DecisionBody, response: { 200: ProfileReviewDetail } } },
    (req) => decideProfileReview(ctx, actorOf(req), req.params.id, req.body, metaOf(req)),
  )
}
