/**
 * Jobs that run once a day at a fixed hour (the 催办 digest, the clean-up). Each run enqueues
 * the next; the key names the day, so several processes starting together enqueue it once.
 */
import type { AppContext } from '../context'
import { enqueue } from './repository'

const DAY_MS = 86_400_000

/** The next `hourUtc`:00 after `now` (today's, or tomorrow's when it has passed). */
function nextAt(now: Date, hourUtc: number): Date {
  const t = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc))
  return t.getTime() > now.getTime() ? t : new Date(t.getTime() + DAY_MS)
}

export async function scheduleDaily(ctx: AppContext, job: { kind: string; keyPrefix: string; hourUtc: number }): Promise<void> {
  const now = ctx.clock.now()
  const at = nextAt(now, job.hourUtc)
  await enqueue(ctx.db, { kind: job.kind, key: `${job.keyPrefix}:${at.toISOString().slice(0, 10)}`, payload: {}, runAt: at }, now)
}
