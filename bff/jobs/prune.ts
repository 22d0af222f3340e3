/**
 * The daily clean-up (issue #10): finished jobs and delivered notifications older than
 * JOB_RETENTION_DAYS are deleted in bounded chunks, so the queue tables stay small at
 * province scale; failed-login counts a day old go too. Dead-lettered jobs stay until an admin retries them.
 * Offline-verification photos go PHOTO_RETENTION_DAYS after their decision (issue #11, photo-retention.ts).
 */
import type { AppContext } from '../context'
import type { JobOutcome } from './worker'
import { pruneFinishedJobs } from './repository'
import { scheduleDaily } from './daily'
import { pruneDeliveredMessages } from '../notifications/repository'
import { pruneLoginFailures } from '../auth/repository'
import { deleteExpiredPhotos } from '../reviews/photo-retention'

export const PRUNE_JOB = 'prune'
/** 03:00 China Standard Time, when nobody reviews. */
const PRUNE_HOUR_UTC = 19
const CHUNK = 1000
const MAX_CHUNKS = 100

export const schedulePrune = (ctx: AppContext) => scheduleDaily(ctx, { kind: PRUNE_JOB, keyPrefix: 'prune', hourUtc: PRUNE_HOUR_UTC })

export async function pruneHandler(ctx: AppContext): Promise<JobOutcome> {
  const before = new Date(ctx.clock.now().getTime() - ctx.config.jobs.retentionDays * 86_400_000)
  for (let i = 0; i < MAX_CHUNKS && (await pruneFinishedJobs(ctx.db, before, CHUNK)) === CHUNK; i++);
  for (let i = 0; i < MAX_CHUNKS && (await pruneDeliveredMessages(ctx.db, before, CHUNK)) > 0; i++);
  // Failed-login counts older than a day (docs/DOMAIN.md §1): the longest wait is 15 minutes.
  await pruneLoginFailures(ctx.db, new Date(ctx.clock.now().getTime() - 86_400_000).toISOString())
  await deleteExpiredPhotos(ctx)
  await schedulePrune(ctx)
  return { done: true }
}
