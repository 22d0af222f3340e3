/**
 * 资料审核: lists, detail and decisions. A decision is one transaction: the review, the member
 * and the audit row, guarded by the review's version (a stale or repeated decision is a 409).
 */
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg, canDecideFor } from '../scope'
import type { Channel } from '../../shared/organizations'
import type { DecisionBody, ProfileReviewDetail, ProfileReviewItem, ProfileReviewListQuery } from '../../shared/api/reviews'
import type { PageOf } from '../../shared/api/common'
import { REVIEW_KINDS } from '../../shared/reviews'
import { AppError, StaleError, fail } from '../errors'
import { decodeCursor, limitOf, pageOf } from '../pagination'
import { KeptPages } from '../kept-pages'
import { decideReview, type ReviewFacts, type ReviewOutcome } from './workflow'
import { listPendingReviews, pendingReviewStamps, pendingReviewStampOf, listHandledReviews, findReview, recordDecision, type ReviewListRow } from './repository'
import { findMemberById, toMemberDetail, updateMember } from '../members/repository'
import { findOrgById } from '../orgs/repository'
import { toProfileChanges, columnsFor, type StoredChange } from '../members/changes'
import { byActor, writeAudit, type RequestMeta } from '../audit/write'
import { accountNamesByIds } from '../accounts/repository'
import { queuedRecheckAt } from '../realname/checks'
import { ERRORS } from '../../shared/errors'
import { offlineInfo } from './offline-record'

function toItem(r: Omit<ReviewListRow, 'member_version'>): ProfileReviewItem {
  return {
    id: r.id,
    kind: r.kind,
    status: r.state,
    version: r.version,
    member: { id: r.member_id, name: r.member_name, idCardMasked: r.id_card_masked },
    realNameStatus: r.realname_status,
    profileStatus: r.profile_status,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    returnReason: r.state === 'returned' ? r.reason : null,
  }
}

/** The season's 待审核 pages, kept while their rows are the same (bff/kept-pages.ts). */
const keptPages = new KeptPages<PageOf<ProfileReviewItem>>(32)

export async function listProfileReviews(ctx: AppContext, actor: Actor, q: ProfileReviewListQuery): Promise<PageOf<ProfileReviewItem>> {
  const limit = limitOf(q.limit)
  const filter = { orgId: actor.orgId, kind: q.kind, namePrefix: q.q?.trim() || undefined, cursor: decodeCursor(q.cursor), limit }
  const key = `${actor.orgId}|${q.state ?? 'pending'}|${q.kind ?? ''}|${filter.namePrefix ?? ''}|${q.cursor ?? ''}|${limit}`
  if (q.state === 'handled') {
    const rows = await listHandledReviews(ctx.db, filter)
    return keptPages.page(ctx.db, key, rows, [], () => pageOf(rows, limit, toItem, (r) => [r.decided_at!, r.id]))
  }
  // The page's stamps on every request, its rows only when they changed (bff/kept-pages.ts).
  const stamps = await pendingReviewStamps(ctx.db, filter)
  return keptPages.stamped(ctx.db, key, stamps, () => true, async () => {
    const rows = await listPendingReviews(ctx.db, filter)
    return { page: pageOf(rows, limit, toItem, (r) => [r.submitted_at, r.id]), stamps: rows.map(pendingReviewStampOf) }
  })
}

export async function getProfileReview(ctx: AppContext, actor: Actor, id: number): Promise<ProfileReviewDetail> {
  const r = await findReview(ctx.db, id)
  if (!r || !canSeeOrg(actor, r.org_path)) return fail('NOT_FOUND')
  const [member, deciders] = await Promise.all([findMemberById(ctx.db, r.member_id), accountNamesByIds(ctx.db, [r.decided_by])])
  const org = member && (await findOrgById(ctx.db, member.org_id))
  if (!member || !org) return fail('NOT_FOUND')
  const changes: StoredChange[] = r.changes_json ? JSON.parse(r.changes_json) : []
  const offline = member.realname_status === 'offline_passed' ? await offlineInfo(ctx, actor, member.id) : null
  // docs/DOMAIN.md §4: "系统将在24小时内自动复核" only when a re-check job really exists.
  const next = member.realname_status === 'failed' && member.applied_at
    ? await queuedRecheckAt(ctx.db, member.id, member.applied_at, ctx.config.realname.recheckDelaysMs)
    : null
  return {
    ...toItem({
      ...r,
      member_id: member.id,
      member_name: member.name,
      id_card_masked: member.id_card_masked,
      realname_status: member.realname_status,
      profile_status: member.profile_status,
    }),
    memberDetail: toMemberDetail(ctx.crypto, member, org, null, offline),
    changes: toProfileChanges(changes),
    realName: {
      status: member.realname_status,
      recheckScheduled: next !== null,
      nextRecheckAt: next,
      offline,
    },
    decidedBy: (r.decided_by && deciders.get(r.decided_by)) || null,
    canDecide: r.state === 'pending' && canDecideFor(actor, r.org_id),
  }
}

const ruleError = (code: Exclude<ReviewOutcome, { ok: true }>['code'], ctx: AppContext, channel: Channel): AppError => {
  if (code === 'REALNAME_OFFLINE_REQUIRED') {
    return channel === 'pc'
      ? new AppError(code, '该团员实名认证未通过，请线下核验身份信息：资料有误请退回，核验无误请填写说明并上传照片后通过')
      : new AppError(code, ERRORS.REALNAME_OFFLINE_REQUIRED.message, { pcUrl: ctx.config.pcSiteUrl })
  }
  return new AppError(code)
}

type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>

/** A review the actor may decide: in the actor's subtree (else 404) and at the actor's own organisation. */
export function assertDecidable(actor: Actor, r: ReviewRow | undefined): asserts r is ReviewRow {
  if (!r || !canSeeOrg(actor, r.org_path)) throw new AppError('NOT_FOUND')
  if (!canDecideFor(actor, r.org_id)) throw new AppError(actor.kind === 'viewer' ? 'READ_ONLY' : 'NOT_DECIDABLE')
}

/**
 * The review and its member inside a decision's transaction, with the facts the pure rules
 * decide on; a review decided since the actor read `version` is a StaleError (409).
 */
export async function loadForDecision(trx: Transaction<Database>, actor: Actor, id: number, version: number) {
  const r = await findReview(trx, id)
  assertDecidable(actor, r)
  if (r.version !== version || r.state !== 'pending') throw new StaleError()
  const member = await findMemberById(trx, r.member_id)
  if (!member) throw new AppError('NOT_FOUND')
  const facts: ReviewFacts = { kind: r.kind, state: r.state, realNameStatus: member.realname_status, leagueStatus: member.league_status }
  return { r, member, facts }
}

/** 同意 / 退回 one profile review. */
export async function decideProfileReview(ctx: AppContext, actor: Actor, id: number, body: DecisionBody, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const { r, member, facts } = await loadForDecision(trx, actor, id, body.version)
    const outcome = decideReview(facts, body.decision, body.reason, meta.channel)
    if (!outcome.ok) throw ruleError(outcome.code, ctx, meta.channel)
    const now = ctx.clock.now().toISOString()
    await recordDecision(trx, r, member.org_id, { state: outcome.state, at: now, by: actor.accountId, channel: meta.channel, reason: outcome.reason })
    const changes: StoredChange[] = outcome.applyChanges && r.changes_json ? JSON.parse(r.changes_json) : []
    await updateMember(trx, member, { ...columnsFor(ctx.crypto, changes), profile_status: outcome.memberStatus, reviewed_at: now, updated_at: now })
    await writeAudit(trx, {
      ...byActor(actor, meta, now),
      action: outcome.state === 'approved' ? 'review.approve' : 'review.return',
      objectType: 'profile_review',
      objectId: r.id,
      summary: `${REVIEW_KINDS[r.kind]}：${member.name}（${member.id_card_masked}）${outcome.state === 'approved' ? '同意' : `退回，原因：${outcome.reason}`}`,
      detail: { memberId: member.id, kind: r.kind, decision: body.decision, reason: outcome.reason, changes },
    })
  })
  return getProfileReview(ctx, actor, id)
}
