import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParam, Page, ErrorBody } from '../../shared/api/common'
import { ProfileReviewListQuery, ProfileReviewItem, ProfileReviewDetail, DecisionBody } from '../../shared/api/reviews'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { keptPageSerializer } from '../kept-pages'
import { listProfileReviews, getProfileReview, decideProfileReview } from './service'
import multipart from '@fastify/multipart'
import { AppError } from '../errors'
import { OFFLINE_PHOTO_MAX_BYTES, OFFLINE_PHOTOS_MAX } from '../../shared/limits'
import { assertMayVerifyOffline, offlineVerify, readOfflinePhoto, type UploadedPhoto } from './offline'

export const reviewRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Kept pages (bff/kept-pages.ts) are written once.
  app.get(
    '/profile-reviews',
    { schema: { querystring: ProfileReviewListQuery, response: { 200: Page(ProfileReviewItem) } }, serializerCompiler: keptPageSerializer() },
    (req) => listProfileReviews(ctx, actorOf(req), req.query),
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

/** Multipart upload of the offline verification and the guarded photo download (issue #5). */
export const offlineRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(multipart, {
    // One more file than allowed, so a ninth photo gets a clear 422 instead of a cut-off stream.
    limits: { fileSize: OFFLINE_PHOTO_MAX_BYTES, files: OFFLINE_PHOTOS_MAX + 1, fields: 10, fieldSize: 10_000 },
    throwFileSizeLimit: false,
  })
  app.post(
    '/profile-reviews/:id/offline-verification',
    // Room for nine photos at the size limit, so the photo checks (not a bare 413) answer.
    {
      bodyLimit: (OFFLINE_PHOTOS_MAX + 1) * OFFLINE_PHOTO_MAX_BYTES + 1_048_576,
      config: { rateLimit: 'upload' },
      schema: { params: IdParam, response: { 200: ProfileReviewDetail } },
      // Scope and state before the body is read: the parts are streamed only in the handler.
      preHandler: async (req) => assertMayVerifyOffline(ctx, actorOf(req), (req.params as { id: number }).id),
    },
    async (req) => {
    if (!req.isMultipart()) throw new AppError('VALIDATION', '请以 multipart/form-data 上传照片和说明')
    const fields: Record<string, string> = {}
    const photos: UploadedPhoto[] = []
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer()
          if (part.fieldname === 'photos') photos.push({ filename: part.filename, bytes, truncated: part.file.truncated })
        } else {
          fields[part.fieldname] = String(part.value)
        }
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
        throw new AppError('PHOTOS_INVALID', `最多上传${OFFLINE_PHOTOS_MAX}张照片`, { fields: [{ path: 'photos', message: `最多上传${OFFLINE_PHOTOS_MAX}张照片` }] })
      }
      throw err
    }
    const version = fields.version !== undefined && /^\d+$/.test(fields.version) ? Number(fields.version) : undefined
    return offlineVerify(ctx, actorOf(req), req.params.id, { reason: fields.reason, version, photos }, metaOf(req))
    },
  )
  app.get('/offline-photos/:id', { schema: { params: IdParam } }, async (req, reply) => {
    const photo = await readOfflinePhoto(ctx, actorOf(req), req.params.id)
    reply
      .header('content-type', photo.mime)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
    return photo.bytes
  })
}
