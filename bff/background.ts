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
import { countDueJobs, countFailedJobs, lastOpenJobError, listFailedJobs } from './jobs/repository'
import { countPendingDeliveries, lastUnsentDeliveryError } from './notifications/repository'
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
  const [jobsDue, deliveriesPending, lastJobError, lastDeliveryError, failedCount, failed] = await Promise.all([
    countDueJobs(ctx.db, ctx.clock.now()),
    countPendingDeliveries(ctx.db),
    lastOpenJobError(ctx.db),
    lastUnsentDeliveryError(ctx.db),
    countFailedJobs(ctx.db),
    listFailedJobs(ctx.db, 20),
  ])
  return {
    jobsDue,
    deliveriesPending,
    lastJobError: lastJobError ? `${lastJobError.kind}: ${lastJobError.last_error}` : null,
    lastDeliveryError: lastDeliveryError?.last_error ?? null,
    failedCount,
    failedJobs: failed.map((j) => ({
      id: j.id, kind: j.kind, kindLabel: JOB_KINDS[j.kind] ?? j.kind, attempts: j.attempts, lastError: j.last_error, failedAt: j.failed_at!,
    })),
  }
}
