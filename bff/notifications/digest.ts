/**
 * The daily 催办 digest (issue #6): once a day, every organisation with items of its own waiting
 * more than 48 hours (资料审核 and 转接, docs/DOMAIN.md §6) gets one reminder. Two grouped range
 * scans over the overdue indexes — never a walk over the organisation tree.
 */
import type { AppContext } from '../context'
import type { JobOutcome } from '../jobs/worker'
import { scheduleDaily } from '../jobs/daily'
import { TRANSFER_OVERDUE_HOURS } from '../../shared/limits'
import { recordPending } from './repository'
import { overdueByOrg } from '../backlog/repository'

export const DIGEST_JOB = 'overdue_digest'
/** 09:00 China Standard Time. */
const DIGEST_HOUR_UTC = 1

export const scheduleDigest = (ctx: AppContext) => scheduleDaily(ctx, { kind: DIGEST_JOB, keyPrefix: 'digest', hourUtc: DIGEST_HOUR_UTC })

export async function digestHandler(ctx: AppContext): Promise<JobOutcome> {
  const now = ctx.clock.now()
  const cutoff = new Date(now.getTime() - TRANSFER_OVERDUE_HOURS * 3_600_000).toISOString()
  // The organisation's own overdue items, both queues: the same count 下级待办 shows its 团委.
  const overdue = await overdueByOrg(ctx.db, cutoff)
  await ctx.db.transaction().execute(async (trx) => {
    for (const [orgId, n] of overdue) {
      await recordPending(trx, { orgId, kind: 'digest', objectId: null, title: overdueTitle(n), at: now.toISOString() })
    }
  })
  await scheduleDigest(ctx)
  return { done: true }
}

/** "3条待办已超过48小时未处理（资料审核1条、组织关系转接2条），请及时审核" */
function overdueTitle(n: { reviews: number; transfers: number }): string {
  const parts = [n.reviews ? `资料审核${n.reviews}条` : '', n.transfers ? `组织关系转接${n.transfers}条` : ''].filter(Boolean)
  return `${n.reviews + n.transfers}条待办已超过${TRANSFER_OVERDUE_HOURS}小时未处理（${parts.join('、')}），请及时审核`
}
