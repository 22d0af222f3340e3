/**
 * The background worker: on each tick it claims due jobs and runs their handlers, then lets
 * the notification outbox flush. `tick()` is what tests drive with a manual clock; `start()`
 * polls on a timer in the running app.
 */
import { randomUUID } from 'node:crypto'
import type { AppContext } from '../context'
import { claimDue, completeJob, retryJob, backoffMs, type JobRow } from './queue'

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
  workerId?: string
  log?: (msg: string, extra?: Record<string, unknown>) => void
}

export function createWorker(ctx: AppContext, opts: WorkerOptions) {
  const workerId = opts.workerId ?? `w-${process.pid}-${randomUUID().slice(0, 8)}`
  const leaseMs = opts.leaseMs ?? 60_000
  let timer: NodeJS.Timeout | null = null
  let running: Promise<number> | null = null
  let stopped = false

  async function runOne(job: JobRow): Promise<void> {
    const handler = opts.handlers[job.kind]
    const now = () => ctx.clock.now()
    if (!handler) {
      await retryJob(ctx.db, job, new Date(now().getTime() + backoffMs(job.attempts)), `没有处理程序：${job.kind}`)
      return
    }
    try {
      const out = await handler(ctx, job, JSON.parse(job.payload_json))
      if ('done' in out) await completeJob(ctx.db, job, now())
      else await retryJob(ctx.db, job, out.retryAt, out.error)
    } catch (err) {
      opts.log?.('job failed', { kind: job.kind, id: job.id, err: String(err) })
      await retryJob(ctx.db, job, new Date(now().getTime() + backoffMs(job.attempts)), String((err as Error)?.message ?? err))
    }
  }

  async function tick(): Promise<number> {
    let total = 0
    // Drain what is due now (a handler may enqueue follow-ups that are due at once).
    for (let round = 0; round < 20; round++) {
      const jobs = await claimDue(ctx.db, workerId, ctx.clock.now(), leaseMs, opts.batch ?? 20)
      if (jobs.length === 0) break
      for (const job of jobs) await runOne(job)
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
