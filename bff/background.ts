/**
 * The background work of one BFF process (issue #6): real-name checks, the notification
 * outbox and the daily digest, on one worker. Several processes may run it on one database.
 */
import type { AppContext } from './context'
import { createWorker } from './jobs/worker'
import { REALNAME_JOB, realnameHandler } from './realname/checks'
import type { RealNameProvider } from './realname/local-provider'
import { groupPendingEvents, sendDueDeliveries, type MessageSender } from './notifications/outbox'
import { DIGEST_JOB, digestHandler, scheduleDigest } from './notifications/digest'
import { PRUNE_JOB, pruneHandler, schedulePrune } from './jobs/prune'
import { countFailedJobs, listFailedJobs } from './jobs/repository'
import { JOB_KINDS, type BackgroundStatus } from '../shared/api/background'

export interface BackgroundOptions {
  provider: RealNameProvider
  /** Null when WeCom is not configured: events stay in the outbox. */
  sender: MessageSender | null
  notifyWindowMs?: number
  pollMs?: number
  /** How long a claimed job is held before another process may take it (renewed while it runs). */
  leaseMs?: number
  workerId?: string
  log?: (msg: string, extra?: Record<string, unknown>) => void
}

export function createBackground(ctx: AppContext, opts: BackgroundOptions) {
  const outbox = { windowMs: opts.notifyWindowMs ?? 3 * 60_000, log: opts.log }
  const worker = createWorker(ctx, {
    workerId: opts.workerId,
    pollMs: opts.pollMs,
    leaseMs: opts.leaseMs,
    log: opts.log,
    handlers: {
      [REALNAME_JOB]: realnameHandler(opts.provider),
      [DIGEST_JOB]: (c) => digestHandler(c),
      [PRUNE_JOB]: (c) => pruneHandler(c),
    },
    afterJobs: async () => {
      if (!opts.sender) return
      await groupPendingEvents(ctx, outbox)
      await sendDueDeliveries(ctx, opts.sender, outbox)
    },
  })
  return {
    worker,
    async start() {
      await scheduleDigest(ctx)
      await schedulePrune(ctx)
      worker.start()
    },
    stop: () => worker.stop(),
  }
}

/** Queue length, last errors and dead letters, for the root admin (后台任务) and /healthz. */
export async function backgroundStatus(ctx: AppContext): Promise<BackgroundStatus> {
  const now = ctx.clock.now().toISOString()
  const [jobs, deliveries, lastJobError, lastDeliveryError, failedCount, failed] = await Promise.all([
    ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('done_at', 'is', null).where('failed_at', 'is', null).where('run_at', '<=', now).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('notification_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow(),
    ctx.db.selectFrom('jobs').select(['kind', 'last_error', 'run_at']).where('done_at', 'is', null).where('failed_at', 'is', null).where('last_error', 'is not', null).orderBy('id', 'desc').executeTakeFirst(),
    ctx.db.selectFrom('notification_deliveries').select(['last_error', 'next_attempt_at', 'state']).where('last_error', 'is not', null).where('state', '!=', 'sent').orderBy('id', 'desc').executeTakeFirst(),
    countFailedJobs(ctx.db),
    listFailedJobs(ctx.db, 20),
  ])
  return {
    jobsDue: Number(jobs.n),
    deliveriesPending: Number(deliveries.n),
    lastJobError: lastJobError ? `${lastJobError.kind}: ${lastJobError.last_error}` : null,
    lastDeliveryError: lastDeliveryError?.last_error ?? null,
    failedCount,
    failedJobs: failed.map((j) => ({
      id: j.id, kind: j.kind, kindLabel: JOB_KINDS[j.kind] ?? j.kind, attempts: j.attempts, lastError: j.last_error, failedAt: j.failed_at!,
    })),
  }
}
