/**
 * 下级待办 and 催办 (docs/DOMAIN.md §6). A 团委 (or any organisation with organisations below it)
 * sees each direct child's own waiting items and drills down level by level; it reads the
 * items but decides nothing here. 催办 sends the child's operators a WeCom card through the
 * outbox, at most once per organisation and China day, audited.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg } from '../scope'
import type { Channel } from '../../shared/organizations'
import type { PageOf } from '../../shared/api/common'
import type { BacklogItem, BacklogItemsQuery, BacklogQuery, BacklogRow, BacklogWeekly, RemindResult } from '../../shared/api/backlog'
import { REVIEW_KINDS } from '../../shared/reviews'
import { overdueCutoff } from '../../shared/limits'
import { AppError, uniqueAs } from '../errors'
import { decodeCursor, limitOf, pageOf } from '../pagination'
import { findOrgById, orgsByIds, toOrgRef, type OrgRow } from '../orgs/repository'
import { listPendingReviews } from '../reviews/repository'
import { listTodo } from '../transfers/repository'
import { notifiedAccounts } from '../notifications/repository'
import { recordPending } from '../notifications/repository'
import { byActor, writeAudit } from '../audit/write'
import { canDecide } from '../../shared/organizations'
import { backlogOfChildren, childCounts, remindedOn, insertReminder, ownCounts, sortValueOf, arrivalsPerDay } from './repository'

const DAY_MS = 86_400_000
/** The China calendar day (UTC+8) of an instant: 催办 is limited per such day. */
const chinaDay = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** An organisation strictly below the actor's, or 404 (outside the scope is "not found"). */
async function orgBelow(ctx: AppContext, actor: Actor, orgId: number): Promise<OrgRow> {
  const org = await findOrgById(ctx.db, orgId)
  if (!org || org.id === actor.orgId || !canSeeOrg(actor, org.path)) throw new AppError('NOT_FOUND', '该组织不存在或不在您的下级')
  return org
}

export async function listBacklog(ctx: AppContext, actor: Actor, q: BacklogQuery): Promise<PageOf<BacklogRow>> {
  const sort = q.sort ?? 'overdue'
  const limit = limitOf(q.limit)
  const parentId = q.under === undefined || q.under === actor.orgId ? actor.orgId : (await orgBelow(ctx, actor, q.under)).id
  const now = ctx.clock.now()
  const rows = await backlogOfChildren(ctx.db, { parentId, overdueBefore: overdueCutoff(now), sort, cursor: decodeCursor(q.cursor), limit })
  const ids = rows.slice(0, limit).map((r) => r.id)
  const [children, reminded] = await Promise.all([childCounts(ctx.db, ids), remindedOn(ctx.db, ids, chinaDay(now))])
  return pageOf(
    rows,
    limit,
    (r) => ({
      org: toOrgRef(r as Pick<OrgRow, 'id' | 'code' | 'name' | 'type'>),
      profileReviewsPending: r.reviews,
      transfersPending: r.transfers,
      overdue: r.overdue,
      oldestWaitingSince: r.oldest,
      childCount: children.get(r.id) ?? 0,
      remindedToday: reminded.has(r.id),
    }),
    (r) => [sortValueOf(r, sort), r.id],
  )
}

/** The items waiting at an organisation below, read-only: its 资料审核 or its 转接 at its node. */
export async function backlogItems(ctx: AppContext, actor: Actor, orgId: number, q: BacklogItemsQuery): Promise<PageOf<BacklogItem>> {
  const org = await orgBelow(ctx, actor, orgId)
  const limit = limitOf(q.limit)
  const cursor = decodeCursor(q.cursor)
  const cutoff = overdueCutoff(ctx.clock.now())
  if (q.kind === 'profile') {
    const rows = await listPendingReviews(ctx.db, { orgId: org.id, cursor, limit })
    return pageOf(
      rows,
      limit,
      (r) => ({
        id: r.id, label: REVIEW_KINDS[r.kind], member: { id: r.member_id, name: r.member_name, idCardMasked: r.id_card_masked },
        detail: null, waitingSince: r.submitted_at, overdue: r.submitted_at < cutoff,
      }),
      (r) => [r.submitted_at, r.id],
    )
  }
  const rows = await listTodo(ctx.db, { orgId: org.id, cursor, limit })
  const orgs = await orgsByIds(ctx.db, rows.flatMap((r) => [r.from_org_id, r.to_org_id]))
  return pageOf(
    rows,
    limit,
    (r) => ({
      id: r.id, label: '组织关系转接', member: { id: r.member_id, name: r.member_name, idCardMasked: null },
      detail: `${orgs.get(r.from_org_id)?.name ?? ''} → ${orgs.get(r.to_org_id)?.name ?? ''}`,
      waitingSince: r.waiting_since!, overdue: r.waiting_since! < cutoff,
    }),
    (r) => [r.waiting_since!, r.id],
  )
}

export async function remind(ctx: AppContext, actor: Actor, orgId: number, meta: { channel: Channel; ip: string | null }): Promise<RemindResult> {
  if (!canDecide(actor.kind)) throw new AppError('READ_ONLY')
  const org = await orgBelow(ctx, actor, orgId)
  const now = ctx.clock.now()
  const recipients = await notifiedAccounts(ctx.db, org.id)
  if (recipients.length === 0) throw new AppError('NO_RECIPIENTS')
  const counts = await ownCounts(ctx.db, org.id, overdueCutoff(now))
  const from = (await findOrgById(ctx.db, actor.orgId))!
  const title =
    `${from.name}催办：资料审核${counts.reviews}条、组织关系转接${counts.transfers}条待处理` +
    (counts.overdue ? `，其中${counts.overdue}条已超过48小时` : '') + '，请及时审核'
  await uniqueAs(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        await insertReminder(trx, { orgId: org.id, day: chinaDay(now), accountId: actor.accountId, at: now.toISOString() })
        await recordPending(trx, { orgId: org.id, kind: 'remind', objectId: null, title, at: now.toISOString() })
        await writeAudit(trx, {
          ...byActor(actor, meta, now.toISOString()), action: 'backlog.remind',
          objectType: 'organization', objectId: org.id, summary: `催办${org.name}（${title.slice(from.name.length + 3)}）`,
          detail: { orgId: org.id, ...counts, sentTo: recipients.length },
        })
      }),
    () => new AppError('REMIND_LIMIT'),
  )
  return { sentTo: recipients.length }
}

/** Transfers that reached the actor's own node, per week, for the last `weeks` weeks (oldest first). */
export async function weeklyArrivals(ctx: AppContext, actor: Actor, weeks = 12): Promise<BacklogWeekly> {
  const today = Date.parse(`${ctx.clock.now().toISOString().slice(0, 10)}T00:00:00Z`)
  const first = today - (weeks * 7 - 1) * DAY_MS
  const days = await arrivalsPerDay(ctx.db, actor.orgId, new Date(first).toISOString())
  const out = Array.from({ length: weeks }, (_, i) => ({ weekStart: new Date(first + i * 7 * DAY_MS).toISOString().slice(0, 10), transfers: 0 }))
  for (const d of days) {
    const i = Math.floor((Date.parse(`${d.day}T00:00:00Z`) - first) / (7 * DAY_MS))
    if (i >= 0 && i < weeks) out[i].transfers += d.n
  }
  return { weeks: out }
}
