/**
 * The daily 催办 digest (issue #6): once a day, every organisation with transfer applications
 * waiting more than 48 hours gets one reminder. One grouped query over the todo index —
 * never a walk over the organisation tree.
 */
import type { AppContext } from '../context'
import type { JobOutcome } from '../jobs/worker'
import { enqueue } from '../jobs/queue'
import { TRANSFER_OVERDUE_HOURS } from '../../shared/limits'
import { recordPending } from './events'

export const DIGEST_JOB = 'overdue_digest'
/** 09:00 China Standard Time. */
const DIGEST_HOUR_UTC = 1

function nextDigestAt(now: Date): Date {
  const t = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC))
  return t.getTime() > now.getTime() ? t : new Date(t.getTime() + 86_400_000)
}

export async function scheduleDigest(ctx: AppContext): Promise<void> {
  const at = nextDigestAt(ctx.clock.now())
  await enqueue(ctx.db, { kind: DIGEST_JOB, key: `digest:${at.toISOString().slice(0, 10)}`, payload: {}, runAt: at }, ctx.clock.now())
}

export async function digestHandler(ctx: AppContext): Promise<JobOutcome> {
  const now = ctx.clock.now()
  const cutoff = new Date(now.getTime() - TRANSFER_OVERDUE_HOURS * 3_600_000).toISOString()
  const rows = await ctx.db
    .selectFrom('transfers')
    .select(['current_org_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'in_progress')
    .where('waiting_since', '<', cutoff)
    .groupBy('current_org_id')
    .execute()
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      if (r.current_org_id === null) continue
      await recordPending(trx, {
        orgId: r.current_org_id, kind: 'digest', objectId: null,
        title: `${Number(r.n)}条组织关系转接申请已超过${TRANSFER_OVERDUE_HOURS}小时未处理，请及时审核`, at: now.toISOString(),
      })
    }
  })
  await scheduleDigest(ctx)
  return { done: true }
}
