/**
 * What members do, as the member-facing system (服务号 side) reports it (docs/CONTRACT.md
 * "Integration API"). Each action is one transaction with its audit row; rule violations are
 * 422s that name the field in Chinese.
 */
import type { Static } from 'typebox'
import type { AppContext } from '../context'
import { AppError, StaleError, uniqueAs } from '../errors'
import { expectChanged } from '../db/guarded'
import { normalizeIdCard } from '../../shared/idcard'
import { IMPORTANT_FIELDS, PROFILE_FIELDS, type ProfileField } from '../../shared/members'
import { PROFILE_STATUSES, REALNAME_STATUSES } from '../../shared/reviews'
import { memberDataProblems, type Problem } from '../members/validate'
import { findMemberByIdCard, memberValues, updateMember, type MemberRow } from '../members/repository'
import { diffChanges, columnsFor, displayValue } from '../members/changes'
import { findOrgByCode, findOrgById } from '../orgs/repository'
import { canSubmitRegistration, canSubmitChange } from '../reviews/workflow'
import { memberConfirms } from '../transfers/route'
import { findTransfer, stepsOf, routeStateOf, saveRouteState } from '../transfers/repository'
import { writeAudit, INTEGRATION_META } from '../audit/write'
import { applyForTransfer, withdrawTransfer, checkCause, openTransferError } from '../transfers/apply'
import { enqueueRealnameCheck } from '../realname/checks'
import { recordPending } from '../notifications/events'
import { notifyCurrentNode } from '../transfers/notify'
import type { RegistrationBody, ChangeRequestBody, TransferBody } from './schemas'

const invalid = (problems: Problem[]): never => {
  throw new AppError('VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('；'), { fields: problems })
}
const rule = (path: string, message: string): never => {
  throw new AppError('RULE', `${path}: ${message}`, { fields: [{ path, message }] })
}


export async function submitRegistration(ctx: AppContext, body: Static<typeof RegistrationBody>) {
  const idCard = normalizeIdCard(body.idCard)
  const now = ctx.clock.now()
  const problems = memberDataProblems({ ...body, idCard }, (f) => f, now)
  if (problems.length) invalid(problems)
  const result = await uniqueAs(() => ctx.db.transaction().execute(async (trx) => {
    const org = await findOrgByCode(trx, body.org)
    if (!org) rule('org', '团组织不存在')
    if (org!.type !== 'branch') rule('org', '团员只能报到到团支部')
    const existing = await findMemberByIdCard(trx, ctx.crypto, idCard)
    if (existing && !canSubmitRegistration(existing.profile_status)) {
      throw new AppError('DUPLICATE', `该身份证号码已存在报到记录（${PROFILE_STATUSES[existing.profile_status]}），不能重复报到`)
    }
    const at = now.toISOString()
    const values = memberValues(
      ctx.crypto,
      { ...body, idCard, idCardType: body.idCardType ?? 'resident', orgId: org!.id },
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
      // A resubmission after 退回/撤回: the member's data is replaced and a new review starts.
      await updateMember(trx, existing, values)
      memberId = existing.id
    } else {
      memberId = (await trx.insertInto('members').values(values).returning('id').executeTakeFirstOrThrow()).id
    }
    const { id: reviewId } = await trx
      .insertInto('profile_reviews')
      .values({ member_id: memberId, org_id: org!.id, kind: 'registration', state: 'pending', submitted_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await enqueueRealnameCheck(trx, memberId, at, now, now)
    await recordPending(trx, { orgId: org!.id, kind: 'registration', objectId: reviewId, title: `${body.name}申请团员报到`, at })
    await writeAudit(trx, {
      at, accountId: null, orgId: org!.id, action: 'review.submit', objectType: 'profile_review', objectId: reviewId,
      summary: `团员报到：${body.name}（${values.id_card_masked}）${existing ? '重新提交' : '提交'}报到申请`, ...INTEGRATION_META,
    })
    return { memberId, reviewId }
  }), () => new AppError('DUPLICATE', '该身份证号码的报到申请正在提交或已存在，请勿重复提交'))
  ctx.wakeWorker?.()
  return result
}

export async function withdrawRegistration(ctx: AppContext, reviewId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('profile_reviews').selectAll().where('id', '=', reviewId).executeTakeFirst()
    if (!r || r.kind !== 'registration') throw new AppError('NOT_FOUND')
    if (r.state !== 'pending') throw new StaleError('该报到申请已处理，不能撤回')
    const now = ctx.clock.now().toISOString()
    const upd = await trx.updateTable('profile_reviews').set({ state: 'withdrawn', decided_at: now, version: r.version + 1 }).where('id', '=', r.id).where('version', '=', r.version).where('state', '=', 'pending').executeTakeFirst()
    expectChanged(upd, '该报到申请已处理，不能撤回')
    const m = await trx.selectFrom('members').select(['id', 'name', 'id_card_masked', 'version']).where('id', '=', r.member_id).executeTakeFirstOrThrow()
    await updateMember(trx, m, { profile_status: 'registration_withdrawn', updated_at: now })
    await writeAudit(trx, {
      at: now, accountId: null, orgId: r.org_id, action: 'review.withdraw', objectType: 'profile_review', objectId: r.id,
      summary: `团员报到：${m.name}（${m.id_card_masked}）撤回报到申请`, ...INTEGRATION_META,
    })
  })
}

async function memberOrThrow(ctx: AppContext, db: Parameters<typeof findMemberByIdCard>[0], rawIdCard: string): Promise<MemberRow> {
  const m = await findMemberByIdCard(db, ctx.crypto, normalizeIdCard(rawIdCard))
  if (!m) throw new AppError('NOT_FOUND', '未找到该身份证号码对应的团员')
  return m
}

/** 修改资料: important fields go to review; the others change at once (docs/DOMAIN.md §3). */
export async function submitChangeRequest(ctx: AppContext, body: Static<typeof ChangeRequestBody>) {
  const now = ctx.clock.now()
  return uniqueAs(() => ctx.db.transaction().execute(async (trx) => {
    const m = await memberOrThrow(ctx, trx, body.idCard)
    if (body.changes.leagueSince) {
      // The joining age counts from the member's own birth date, as at registration.
      const problems = memberDataProblems({ leagueSince: body.changes.leagueSince, birthDate: m.birth_date }, (f) => `changes.${f}`, now)
      if (problems.length) invalid(problems)
    }
    if (!canSubmitChange(m.profile_status)) {
      throw new AppError('RULE', `团员当前状态为“${PROFILE_STATUSES[m.profile_status]}”，不能提交修改资料申请`)
    }
    const requested: Partial<Record<ProfileField, string | null>> = {}
    for (const [field, value] of Object.entries(body.changes) as [ProfileField, unknown][]) {
      requested[field] = typeof value === 'boolean' ? (value ? '是' : '否') : (value as string | null)
    }
    const all = diffChanges(m, requested)
    const important = all.filter((c) => PROFILE_FIELDS[c.field].important)
    const direct = all.filter((c) => !PROFILE_FIELDS[c.field].important)
    const at = now.toISOString()
    let reviewId: number | null = null
    if (important.length) {
      reviewId = (
        await trx
          .insertInto('profile_reviews')
          .values({ member_id: m.id, org_id: m.org_id, kind: 'change', state: 'pending', submitted_at: at, changes_json: JSON.stringify(important) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }
    await updateMember(trx, m, { ...columnsFor(direct), ...(important.length ? { profile_status: 'change_pending' as const } : {}), updated_at: at })
    if (reviewId) {
      await recordPending(trx, { orgId: m.org_id, kind: 'change', objectId: reviewId, title: `${m.name}申请修改资料`, at })
      await writeAudit(trx, {
        at, accountId: null, orgId: m.org_id, action: 'review.submit', objectType: 'profile_review', objectId: reviewId,
        summary: `修改资料：${m.name}（${m.id_card_masked}）申请修改${important.map((c) => PROFILE_FIELDS[c.field].label).join('、')}`, ...INTEGRATION_META,
      })
    }
    return { reviewId, applied: direct.map((c) => c.field), pending: important.map((c) => c.field) }
  }), () => new AppError('CONFLICT', '该团员已有待审核的修改资料申请'))
}

export async function applyTransfer(ctx: AppContext, body: Static<typeof TransferBody>) {
  checkCause(body)
  const out = await uniqueAs(
    () => ctx.db.transaction().execute(async (trx) => {
      const m = await memberOrThrow(ctx, trx, body.idCard)
      return applyForTransfer(ctx, trx, m, body, { initiator: 'member', accountId: null, memberField: 'idCard', ...INTEGRATION_META })
    }),
    () => openTransferError('idCard'),
  )
  ctx.wakeWorker?.()
  return out
}

/** The member confirms a branch-initiated application (docs/DOMAIN.md §5). */
export async function confirmTransfer(ctx: AppContext, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t) throw new AppError('NOT_FOUND')
    const before = routeStateOf(t, (await stepsOf(trx, [id])).get(id) ?? [])
    const res = memberConfirms(before)
    if (!res.ok) throw new StaleError('该转接申请无需确认或已处理')
    const at = ctx.clock.now().toISOString()
    await saveRouteState(trx, t, before, res.state, at, {})
    await notifyCurrentNode(trx, res.state, t.id, t.member_name, at)
    await writeAudit(trx, {
      at, accountId: null, orgId: t.from_org_id, action: 'transfer.confirm', objectType: 'transfer', objectId: t.id,
      summary: `组织关系转接：${t.member_name}确认团支部发起的转接申请`, ...INTEGRATION_META,
    })
  })
}

/** 撤回 by the member: only its own application, before node 4, with a reason. */
export async function withdrawTransferByMember(ctx: AppContext, id: number, rawReason: string | undefined) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t) throw new AppError('NOT_FOUND')
    await withdrawTransfer(ctx, trx, t, rawReason, { initiator: 'member', accountId: null, ...INTEGRATION_META })
  })
}

/** What the member-facing system shows the member about itself. */
export async function memberStatus(ctx: AppContext, rawIdCard: string) {
  const m = await memberOrThrow(ctx, ctx.db, rawIdCard)
  const org = (await findOrgById(ctx.db, m.org_id))!
  const lastReturn = await ctx.db
    .selectFrom('profile_reviews')
    .select(['reason', 'decided_at', 'kind'])
    .where('member_id', '=', m.id)
    .where('state', '=', 'returned')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const transfers = await ctx.db
    .selectFrom('transfers')
    .select(['id', 'status', 'kind', 'to_org_id', 'applied_at', 'end_reason'])
    .where('member_id', '=', m.id)
    .orderBy('id', 'desc')
    .limit(10)
    .execute()
  return {
    memberId: m.id,
    name: m.name,
    org: { code: org.code, name: org.name },
    profileStatus: m.profile_status,
    profileStatusLabel: PROFILE_STATUSES[m.profile_status],
    realNameStatus: m.realname_status,
    realNameStatusLabel: REALNAME_STATUSES[m.realname_status],
    leagueStatus: m.league_status,
    latestReturnReason: lastReturn?.reason ?? null,
    important: Object.fromEntries(IMPORTANT_FIELDS.map((f) => [f, displayValue(f, m)])),
    transfers: transfers.map((t) => ({ id: t.id, status: t.status, kind: t.kind, appliedAt: t.applied_at, endReason: t.end_reason })),
  }
}
