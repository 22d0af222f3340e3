/**
 * 线下通过 on PC (docs/DOMAIN.md §4): the organisation checked the identity offline, writes an
 * explanation and uploads 1–8 photos of the member holding the ID card. One transaction
 * approves the registration, sets `offline_passed`, stores the encrypted photos and audits.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canDecideFor } from '../scope'
import { OFFLINE_PHOTOS_MAX, OFFLINE_PHOTOS_MIN, OFFLINE_PHOTO_MAX_BYTES } from '../../shared/limits'
import { AppError, StaleError } from '../errors'
import { offlineExplanationProblem } from '../../shared/reasons'
import { offlinePass } from './workflow'
import { findReview, recordDecision, insertOfflineVerification, findOfflinePhoto } from './repository'
import { updateMember } from '../members/repository'
import { byActor, writeAudit } from '../audit/write'
import { stripMetadata } from './photos'
import { sniffImage } from '../../shared/images'
import type { RequestMeta } from '../audit/write'
import { assertDecidable, getProfileReview, loadForDecision } from './service'

export interface UploadedPhoto {
  filename: string
  bytes: Buffer
  truncated: boolean
}

const photoProblem = (message: string) => new AppError('PHOTOS_INVALID', message, { fields: [{ path: 'photos', message }] })

/**
 * Who may upload for this review, asked before a byte of the photos is read (the route's
 * preHandler) and again with them: another organisation's review is a 404, a review this
 * account may not decide a 403/422, a decided one a 409 — none of them costs the server 40 MB.
 */
export async function assertMayVerifyOffline(ctx: AppContext, actor: Actor, id: number) {
  const existing = await findReview(ctx.db, id)
  assertDecidable(actor, existing)
  if (existing.state !== 'pending') throw new StaleError()
}

export async function offlineVerify(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { reason?: string; version?: number; photos: UploadedPhoto[] },
  meta: RequestMeta,
) {
  // Scope and state first: a photo problem must not reveal another organisation's review.
  await assertMayVerifyOffline(ctx, actor, id)
  if (input.version === undefined || !Number.isInteger(input.version)) {
    throw new AppError('VALIDATION', 'version: 缺少必填项', { fields: [{ path: 'version', message: '缺少必填项' }] })
  }
  const { photos } = input
  const version: number = input.version
  if (photos.length < OFFLINE_PHOTOS_MIN || photos.length > OFFLINE_PHOTOS_MAX) {
    throw photoProblem(`请上传${OFFLINE_PHOTOS_MIN}至${OFFLINE_PHOTOS_MAX}张团员手持身份证正反面的照片（当前${photos.length}张）`)
  }
  const prepared = photos.map((p, i) => {
    if (p.truncated || p.bytes.length > OFFLINE_PHOTO_MAX_BYTES) throw photoProblem(`第${i + 1}张照片（${p.filename}）超过5MB`)
    const type = sniffImage(p.bytes)
    if (!type) throw photoProblem(`第${i + 1}张照片（${p.filename}）不是JPG或PNG图片`)
    const cleaned = stripMetadata(p.bytes, type)
    if (!cleaned) throw photoProblem(`第${i + 1}张照片（${p.filename}）文件已损坏，无法去除拍摄信息，请重新拍摄上传`)
    return { type, bytes: cleaned }
  })
  await ctx.db.transaction().execute(async (trx) => {
    const { r, member, facts } = await loadForDecision(trx, actor, id, version)
    const outcome = offlinePass(facts, input.reason, meta.channel)
    if (!outcome.ok) {
      if (outcome.code === 'REALNAME_OFFLINE_REQUIRED') throw new AppError('FORBIDDEN', '线下核验只能在PC端进行')
      if (outcome.code === 'REASON_REQUIRED' || outcome.code === 'REASON_TOO_LONG') throw new AppError(outcome.code, offlineExplanationProblem(outcome.code))
      throw new AppError(outcome.code)
    }
    const now = ctx.clock.now().toISOString()
    await recordDecision(trx, r, member.org_id, { state: 'approved', at: now, by: actor.accountId, channel: meta.channel, reason: outcome.reason })
    await updateMember(trx, member, { profile_status: 'approved', realname_status: 'offline_passed', reviewed_at: now, updated_at: now })
    await insertOfflineVerification(
      trx,
      { review_id: r.id, member_id: member.id, org_id: r.org_id, explanation: outcome.reason!, verified_by: actor.accountId, verified_at: now },
      prepared.map((p) => ({ mime: p.type, size: p.bytes.length, data_enc: ctx.crypto.encryptBytes(p.bytes) })),
    )
    await writeAudit(trx, {
      ...byActor(actor, meta, now), action: 'review.offline_pass', objectType: 'profile_review', objectId: r.id,
      summary: `实名认证线下通过：${member.name}（${member.id_card_masked}），说明：${outcome.reason}，照片${prepared.length}张`,
      detail: { memberId: member.id, photos: prepared.length },
    })
  })
  return getProfileReview(ctx, actor, id)
}

/** A photo, decrypted, for a reviewer of the member's organisation only. */
export async function readOfflinePhoto(ctx: AppContext, actor: Actor, photoId: number) {
  const row = await findOfflinePhoto(ctx.db, photoId)
  if (!row || !canDecideFor(actor, row.org_id)) throw new AppError('NOT_FOUND')
  return { mime: row.mime, bytes: ctx.crypto.decryptBytes(Buffer.from(row.data_enc)) }
}
