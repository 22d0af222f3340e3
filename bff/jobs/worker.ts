/**
 * The background worker: on each tick it claims due jobs and runs their handlers, then lets
 * the notification outbox flush. `tick()` is what tests drive with a manual clock; `start()`
 * polls on a timer in the running app.
 *
 * Several processes run this on one database (issue #10). A claimed job is held by a lease
 * that is renewed right before its handler starts and every third of the lease while it runs,
 * so a job waiting behind slow ones in a batch, or a slow provider call, is never claimed by
 * a second process: a paid real-name check is made once per attempt. A worker that lost a
 * lease (it lapsed and someone else took the job) skips the job. After `maxAttempts` a job
 * is dead-lettered for an admin to read and retry (后台任务).
 */
import { randomUUID } from 'node:crypto'
import type { AppContext } from '../context'
import { claimDue, completeJob, retryJob, deadLetterJob, renewLease, backoffMs, type JobRow } from './repository'

export type JobOutcome = { done: true } | { retryAt: Date; error: string }
// Each handler declares the payload type it enqueued; the queue itself stores plain JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JobHandler = (ctx: AppContext, job: JobRow, payload: any) => Promise<JobOutcome>

export interface WorkerOptions {
  handlers: Record<string, JobHandler>
  /** Runs after the jobs of each tick (the notification flush). */
  afterJobs?: () => Promise<void>
  leaseMs?: number
  pollMs?: number
  batch?: number
  maxAttempts?: number
  workerId?: string
  log?: (msg: string, extra?: Record<string, unknown>) => void
}

export function createWorker(ctx: AppContext, opts: WorkerOptions) {
  const workerId = opts.workerId ?? `w-${process.pid}-${randomUUID().slice(0, 8)}`
  const leaseMs = opts.leaseMs ?? 60_000
  const maxAttempts = opts.maxAttempts ?? ctx.config.jobs.maxAttempts
  let timer: NodeJS.Timeout | null = null
  let running: Promise<number> | null = null
  let stopped = false
  const now = () => ctx.clock.now()
  const leaseEnd = () => new Date(now().getTime() + leaseMs)

  async function fail(job: JobRow, error: string, retryAt: Date): Promise<void> {
    if (job.attempts >= maxAttempts) {
      opts.log?.('job dead-lettered', { kind: job.kind, id: job.id, attempts: job.attempts, error })
      await deadLetterJob(ctx.db, job, now(), error)
    } else {
      await retryJob(ctx.db, job, retryAt, error)
    }
  }

  async function runOne(job: JobRow): Promise<void> {
    // Still ours? (It may have waited behind slow jobs of the batch.)
    if (!(await renewLease(ctx.db, job, leaseEnd()))) return
    const handler = opts.handlers[job.kind]
    if (!handler) {
      await fail(job, `没有处理程序：${job.kind}`, new Date(now().getTime() + backoffMs(job.attempts)))
      return
    }
    const renewal = setInterval(() => {
      renewLease(ctx.db, job, leaseEnd()).catch((err) => opts.log?.('lease renewal failed', { id: job.id, err: String(err) }))
    }, Math.max(50, Math.floor(leaseMs / 3)))
    let outcome: JobOutcome
    try {
      outcome = await handler(ctx, job, JSON.parse(job.payload_json))
    } catch (err) {
      opts.log?.('job failed', { kind: job.kind, id: job.id, err: String(err) })
      outcome = { retryAt: new Date(now().getTime() + backoffMs(job.attempts)), error: String((err as Error)?.message ?? err) }
    } finally {
      clearInterval(renewal)
    }
    if ('done' in outcome) await completeJob(ctx.db, job, now())
    else await fail(job, outcome.error, outcome.retryAt)
  }

  async function tick(): Promise<number> {
    let total = 0
    // Drain what is due now (a handler may enqueue follow-ups that are due at once).
    for (let round = 0; round < 20; round++) {
      const jobs = await claimDue(ctx.db, workerId, now(), leaseMs, opts.batch ?? 20)
      if (jobs.length === 0) break
      for (const job of jobs) {
        // A job's own failure (even of its bookkeeping) never stops the others of the batch.
        await runOne(job).catch((err) => opts.log?.('job bookkeeping failed', { id: job.id, err: String(err) }))
      }
      total += jobs.length
    }
    await opts.afterJobs?.()
    return total
  }

  /** One tick at a time, whoever asks (timer or a wake-up after a commit). */
  function runTick(): Promise<number> {
    if (!running) running = tick().finally(() => (running = null))
    return running
  }

  return {
    workerId,
    tick: runTick,
    wake: () => {
      if (!stopped) void runTick().catch((err) => opts.log?.('tick failed', { err: String(err) }))
    },
    start() {
      stopped = false
      const loop = async () => {
        if (stopped) return
        try {
          await runTick()
        } catch (err) {
          opts.log?.('tick failed', { err: String(err) })
        }
        if (!stopped) timer = setTimeout(loop, opts.pollMs ?? 1000)
      }
      timer = setTimeout(loop, 0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
