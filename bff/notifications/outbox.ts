/**
 * The delivery side of the outbox (issue #6):
 * 1. group: an organisation's unsent events become one delivery, at most one per window
 *    per organisation (far below WeCom's 30 messages a minute per member);
 * 2. send: each pending delivery is claimed by moving its `next_attempt_at` forward (a lease),
 *    sent with WeCom's duplicate check on (a retry after a crash is not shown twice), and
 *    retried with backoff while WeCom is down — never dropped. `invaliduser` and 81013 are logged.
 */
import type { AppContext } from '../context'
import { backoffMs } from '../jobs/repository'
import { buildTextcard } from './message'
import {
  attachEvents, claimDelivery, dueDeliveries, hasDeliverySince, insertDelivery, notifiedAccounts, orgsWithUngroupedEvents,
  ungroupedEvents, updateDelivery, type DeliveryRow,
} from './repository'

export interface MessageSender {
  /** Sends one application message; throws on failure with `errcode` when WeCom answered one. */
  send(payload: Record<string, unknown>): Promise<{ invaliduser?: string; msgid?: string }>
}

export interface OutboxOptions {
  windowMs: number
  leaseMs?: number
  log?: (msg: string, extra?: Record<string, unknown>) => void
}

/** Errors that a retry cannot fix (docs/WECOM.md §8): recorded as failed. */
const PERMANENT = new Set([81013, 82001, 40056, 41033, 40058, 301002, 48002, 60020, 40013])

export async function groupPendingEvents(ctx: AppContext, opts: OutboxOptions): Promise<number> {
  const now = ctx.clock.now()
  const orgs = await orgsWithUngroupedEvents(ctx.db, 200)
  let created = 0
  const windowStart = new Date(now.getTime() - opts.windowMs)
  for (const { orgId, maxId } of orgs) {
    // aggregate: what arrives meanwhile goes into the next message
    if (await hasDeliverySince(ctx.db, orgId, windowStart)) continue
    // One organisation's failure (a bad row, a lost race) never stops the others' messages.
    await groupOrg(ctx, orgId, maxId, now).then(
      (made) => (created += made),
      (err) => {
        if (!(err instanceof GroupedElsewhere)) opts.log?.('outbox: grouping failed for one organisation', { orgId, err: String(err) })
      },
    )
  }
  return created
}

/** Thrown to roll back a grouping that another process overlapped. */
class GroupedElsewhere extends Error {}

async function groupOrg(ctx: AppContext, orgId: number, maxId: number, now: Date): Promise<number> {
  let created = 0
  await ctx.db.transaction().execute(async (trx) => {
    const events = await ungroupedEvents(trx, orgId, maxId)
    if (events.length === 0) return
    const touser = (await notifiedAccounts(trx, orgId)).join('|')
    const payload = buildTextcard(events, ctx.config.publicBaseUrl, now)
    const id = await insertDelivery(trx, {
      org_id: orgId, touser, payload_json: JSON.stringify(payload), state: touser ? 'pending' : 'skipped',
      next_attempt_at: now.toISOString(), created_at: now.toISOString(),
    })
    // Another process grouped (some of) them first: undo ours; what is left goes next tick.
    if ((await attachEvents(trx, orgId, id, events.map((e) => e.id))) !== events.length) throw new GroupedElsewhere()
    created++
  })
  return created
}

export async function sendDueDeliveries(ctx: AppContext, sender: MessageSender, opts: OutboxOptions): Promise<number> {
  const now = ctx.clock.now()
  const due = await dueDeliveries(ctx.db, now, 50)
  let sent = 0
  for (const d of due) {
    // One organisation's failing message (even its bookkeeping) never stops the others'.
    await sendOne(ctx, sender, opts, d, now).then(
      (ok) => (sent += ok ? 1 : 0),
      (err) => opts.log?.('outbox: delivery bookkeeping failed', { orgId: d.org_id, id: d.id, err: String(err) }),
    )
  }
  return sent
}

async function sendOne(ctx: AppContext, sender: MessageSender, opts: OutboxOptions, d: DeliveryRow, now: Date): Promise<boolean> {
  if (!(await claimDelivery(ctx.db, d, new Date(now.getTime() + (opts.leaseMs ?? 60_000))))) return false
  const payload = { ...JSON.parse(d.payload_json), touser: d.touser, enable_duplicate_check: 1, duplicate_check_interval: 1800 }
  try {
    const res = await sender.send(payload)
    if (res.invaliduser) opts.log?.('message/send: some recipients are invalid', { orgId: d.org_id, invaliduser: res.invaliduser })
    await updateDelivery(ctx.db, d.id, {
      state: 'sent', sent_at: ctx.clock.now().toISOString(), msgid: res.msgid ?? null, invalid_users: res.invaliduser ?? null, last_error: null,
    })
    return true
  } catch (err) {
    const errcode = (err as { errcode?: number }).errcode
    const message = String((err as Error)?.message ?? err).slice(0, 1000)
    const permanent = errcode !== undefined && PERMANENT.has(errcode)
    // JOB_MAX_ATTEMPTS caps a message like a job (issue #10): a WeCom that refuses it for hours
    // ends in 失败 with its error (后台任务's last delivery error), never an endless retry.
    const exhausted = !permanent && d.attempts + 1 >= ctx.config.jobs.maxAttempts
    opts.log?.('message/send failed', { orgId: d.org_id, errcode, permanent, exhausted, message })
    await updateDelivery(ctx.db, d.id, {
      state: permanent || exhausted ? 'failed' : 'pending',
      last_error: exhausted ? `${message.slice(0, 900)}（已尝试 ${d.attempts + 1} 次，停止发送）` : message,
      next_attempt_at: new Date(ctx.clock.now().getTime() + backoffMs(d.attempts + 1, 10_000)).toISOString(),
    })
  }
  return false
}
