/**
 * What a member submits for review (docs/DOMAIN.md §3): 报到 (registration), its 撤回, and
 * 修改资料. Every path that creates a registration — the integration API today — goes through
 * `submitRegistration`, which opens the review, enqueues the real-name check and the
 * notification, and audits, all in one transaction.
 */
import type { Static } from 'typebox'
import type { AppContext } from '../context'
import { AppError, StaleError, uniqueAs } from '../errors'
import { normalizeIdCard } from '../../shared/idcard'
import { PROFILE_FIELDS, type ProfileField } from '../../shared/members'
import { PROFILE_STATUSES } from '../../shared/reviews'
import { memberDataProblems, type Problem } from '../members/validate'
import { findMemberById, findMemberByIdCard, insertMember, memberBirthDate, memberValues, updateMember, type MemberRow } from '../members/repository'
import { memberByIdCard } from '../members/service'
import { diffChanges, columnsFor } from '../members/changes'
import { findOrgByCode } from '../orgs/repository'
import { writeAudit, type RequestMeta } from '../audit/write'
import { enqueueRealnameCheck } from '../realname/checks'
import { recordPending } from '../notifications/repository'
import { canSubmitRegistration, canSubmitChange } from './workflow'
import { findReview, insertReview, withdrawPendingReview } from './repository'
import type { RegistrationBody, ChangeRequestBody } from '../integration/schemas'

const invalid = (problems: Problem[]): never => {
  throw new AppError('VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('；'), { fields: problems })
}
const rule = (path: string, message: string): never => {
  throw new AppError('RULE', `${path}: ${message}`, { fields: [{ path, message }] })
}

/** 报到: a new member, or a resubmission after 退回/撤回 that replaces the member's data. */
export async function submitRegistration(ctx: AppContext, body: Static<typeof RegistrationBody>, meta: RequestMeta) {
  const idCard = normalizeIdCard(body.idCard)
  const now = ctx.clock.now()
  const problems = memberDataProblems({ ...body, idCard }, (f) => f, now)
  if (problems.length) invalid(problems)
  const result = await uniqueAs(() => ctx.db.transaction().execute(async (trx) => {
    const org = await findOrgByCode(trx, body.org)
    if (!org) return rule('org', '团组织不存在')
    if (org.type !== 'branch') rule('org', '团员只能报到到团支部')
    const existing = await findMemberByIdCard(trx, ctx.crypto, idCard)
    if (existing && !canSubmitRegistration(existing.profile_status)) {
      throw new AppError('DUPLICATE', `该身份证号码已存在报到记录（${PROFILE_STATUSES[existing.profile_status]}），不能重复报到`)
    }
    const at = now.toISOString()
    const values = memberValues(
      ctx.crypto,
      { ...body, idCard, idCardType: body.idCardType ?? 'resident', orgId: org.id },
      {
        profile_status: 'registration_pending',
        realname_status: 'pending',
        league_status: existing?.league_status ?? 'normal',
        added_at: existing?.added_at ?? at,
        applied_at: at,
        reviewed_at: null,
      },
      at,
    )
    let memberId: number
    if (existing) {
      await updateMember(trx, existing, values)
      memberId = existing.id
    } else {
      memberId = await insertMember(trx, values)
    }
    const reviewId = await insertReview(trx, { member_id: memberId, org_id: org.id, kind: 'registration', state: 'pending', submitted_at: at })
    await enqueueRealnameCheck(trx, memberId, at, now, now)
    await recordPending(trx, { orgId: org.id, kind: 'registration', objectId: reviewId, title: `${body.name}申请团员报到`, at })
    await writeAudit(trx, {
      at, accountId: null, orgId: org.id, action: 'review.submit', objectType: 'profile_review', objectId: reviewId,
      summary: `团员报到：${body.name}（${values.id_card_masked}）${existing ? '重新提交' : '提交'}报到申请`, ...meta,
    })
    return { memberId, reviewId }
  }), () => new AppError('DUPLICATE', '该身份证号码的报到申请正在提交或已存在，请勿重复提交'))
  ctx.wakeWorker?.()
  return result
}

/** 撤回 of a registration by the member, while it is still 待审核. */
export async function withdrawRegistration(ctx: AppContext, reviewId: number, meta: RequestMeta) {
  const already = '该报到申请已处理，不能撤回'
  await ctx.db.transaction().execute(async (trx) => {
    const r = await findReview(trx, reviewId)
    if (!r || r.kind !== 'registration') throw new AppError('NOT_FOUND')
    if (r.state !== 'pending') throw new StaleError(already)
    const now = ctx.clock.now().toISOString()
    await withdrawPendingReview(trx, r, now, already)
    const m = (await findMemberById(trx, r.member_id))!
    await updateMember(trx, m, { profile_status: 'registration_withdrawn', updated_at: now })
    await writeAudit(trx, {
      at: now, accountId: null, orgId: r.org_id, action: 'review.withdraw', objectType: 'profile_review', objectId: r.id,
      summary: `团员报到：${m.name}（${m.id_card_masked}）撤回报到申请`, ...meta,
    })
  })
}

/** 修改资料: important fields go to review; the others change at once (docs/DOMAIN.md §3). */
export async function submitChangeRequest(ctx: AppContext, body: Static<typeof ChangeRequestBody>, meta: RequestMeta) {
  const now = ctx.clock.now()
  return uniqueAs(() => ctx.db.transaction().execute(async (trx) => {
    const m: MemberRow = await memberByIdCard(ctx, trx, body.idCard)
    if (body.changes.leagueSince) {
      // The joining age counts from the member's own birth date, as at registration.
      const problems = memberDataProblems({ leagueSince: body.changes.leagueSince, birthDate: memberBirthDate(ctx.crypto, m) }, (f) => `changes.${f}`, now)
      if (problems.length) invalid(problems)
    }
    if (!canSubmitChange(m.profile_status)) {
      throw new AppError('RULE', `团员当前状态为“${PROFILE_STATUSES[m.profile_status]}”，不能提交修改资料申请`)
    }
    const requested: Partial<Record<ProfileField, string | null>> = {}
    for (const [field, value] of Object.entries(body.changes) as [ProfileField, unknown][]) {
      requested[field] = typeof value === 'boolean' ? (value ? '是' : '否') : (value as string | null)
    }
    const all = diffChanges(ctx.crypto, m, requested)
    const important = all.filter((c) => PROFILE_FIELDS[c.field].important)
    const direct = all.filter((c) => !PROFILE_FIELDS[c.field].important)
    const at = now.toISOString()
    const reviewId = important.length
      ? await insertReview(trx, { member_id: m.id, org_id: m.org_id, kind: 'change', state: 'pending', submitted_at: at, changes_json: JSON.stringify(important) })
      : null
    await updateMember(trx, m, { ...columnsFor(ctx.crypto, direct), ...(important.length ? { profile_status: 'change_pending' as const } : {}), updated_at: at })
    if (reviewId) {
      await recordPending(trx, { orgId: m.org_id, kind: 'change', objectId: reviewId, title: `${m.name}申请修改资料`, at })
      await writeAudit(trx, {
        at, accountId: null, orgId: m.org_id, action: 'review.submit', objectType: 'profile_review', objectId: reviewId,
        summary: `修改资料：${m.name}（${m.id_card_masked}）申请修改${important.map((c) => PROFILE_FIELDS[c.field].label).join('、')}`, ...meta,
      })
    }
    return { reviewId, applied: direct.map((c) => c.field), pending: important.map((c) => c.field) }
  }), () => new AppError('CONFLICT', '该团员已有待审核的修改资料申请'))
}
