/**
 * The job table's SQL (issue #6, #10): a small persisted queue on the app's own database.
 * Jobs are claimed in one UPDATE … WHERE id IN (due ids) RETURNING — with FOR UPDATE SKIP
 * LOCKED on PostgreSQL, so N workers take disjoint jobs without waiting on each other; on
 * SQLite the single statement is atomic under the one writer. A claim is a lease
 * (`locked_by`, `locked_until`) that the worker renews while it works; a job whose lease
 * lapsed is claimed again by anyone. After JOB_MAX_ATTEMPTS a job is dead-lettered
 * (`failed_at`) and waits for an admin's 重试.
 */
import { sql, type Kysely, type Transaction, type Selectable } from 'kysely'
import type { Database } from '../db/schema'
import type { JobsTable } from '../db/schema/jobs'
import { skipLockedOnPostgres } from '../db/dialect'
import { rowsChanged } from '../db/guarded'

type Db = Kysely<Database> | Transaction<Database>
export type JobRow = Selectable<JobsTable>

export interface NewJob {
  kind: string
  /** Idempotency key: a second enqueue with the same key is ignored. */
  key?: string
  payload: Record<string, unknown>
  runAt: Date
}

export async function enqueue(db: Db, job: NewJob, now: Date): Promise<void> {
  await enqueueMany(db, [job], now)
}

/** Many jobs in one statement per 500 (an import's pending members); duplicates by key are ignored. */
export async function enqueueMany(db: Db, jobs: NewJob[], now: Date): Promise<void> {
  for (let i = 0; i < jobs.length; i += 500) {
    await db
      .insertInto('jobs')
      .values(
        jobs.slice(i, i + 500).map((job) => ({
          kind: job.kind,
          key: job.key ?? null,
          payload_json: JSON.stringify(job.payload),
          run_at: job.runAt.toISOString(),
          created_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
  }
}

/** Claims up to `limit` due jobs for `workerId` until `now + leaseMs`, counting an attempt each. */
export async function claimDue(db: Kysely<Database>, workerId: string, now: Date, leaseMs: number, limit: number): Promise<JobRow[]> {
  const nowIso = now.toISOString()
  const until = new Date(now.getTime() + leaseMs).toISOString()
  const due = skipLockedOnPostgres(
    db,
    db
      .selectFrom('jobs')
      .select('id')
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('run_at', '<=', nowIso)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
      .orderBy('run_at')
      .limit(limit),
  )
  return db
    .updateTable('jobs')
    .set({ locked_by: workerId, locked_until: until, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', due)
    .returningAll()
    .execute()
}

/** Extends the lease of a job this worker still holds; false when it lost it (lapsed and taken, or finished). */
export async function renewLease(db: Db, job: JobRow, until: Date): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ locked_until: until.toISOString() })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .where('attempts', '=', job.attempts)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst()
  return rowsChanged(res) === 1
}

/** The guard of every outcome: only the holder of this attempt's lease writes it. */
function heldBy(db: Db, job: JobRow) {
  return db.updateTable('jobs').where('id', '=', job.id).where('locked_by', '=', job.locked_by).where('attempts', '=', job.attempts)
}

export async function completeJob(db: Db, job: JobRow, now: Date): Promise<void> {
  await heldBy(db, job).set({ done_at: now.toISOString(), locked_until: null, last_error: null }).execute()
}

export async function retryJob(db: Db, job: JobRow, runAt: Date, error: string): Promise<void> {
  await heldBy(db, job).set({ run_at: runAt.toISOString(), locked_until: null, last_error: error.slice(0, 1000) }).execute()
}

export async function deadLetterJob(db: Db, job: JobRow, now: Date, error: string): Promise<void> {
  await heldBy(db, job).set({ failed_at: now.toISOString(), locked_until: null, last_error: error.slice(0, 1000) }).execute()
}

/** The newest dead-lettered jobs, for 后台任务. */
export async function listFailedJobs(db: Db, limit: number) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'payload_json', 'attempts', 'last_error', 'failed_at'])
    .where('failed_at', 'is not', null)
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export async function countFailedJobs(db: Db): Promise<number> {
  const row = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('failed_at', 'is not', null).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Jobs due now and still to run (not finished, not dead-lettered), for 后台任务 and /healthz. */
export async function countDueJobs(db: Db, now: Date): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('run_at', '<=', now.toISOString())
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The newest error of a job still to run (it will be retried), if any. */
export async function lastOpenJobError(db: Db) {
  return db
    .selectFrom('jobs')
    .select(['kind', 'last_error', 'run_at'])
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('last_error', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export async function findJob(db: Db, id: number) {
  return db.selectFrom('jobs').select(['id', 'kind', 'failed_at', 'last_error']).where('id', '=', id).executeTakeFirst()
}

/** An admin's 重试: a dead-lettered job runs again now with fresh attempts. Guarded: 0 rows = not (any more) failed. */
export async function requeueFailedJob(db: Db, id: number, now: Date): Promise<number> {
  const res = await db
    .updateTable('jobs')
    .set({ failed_at: null, attempts: 0, run_at: now.toISOString(), locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('failed_at', 'is not', null)
    .executeTakeFirst()
  return rowsChanged(res)
}

/** Deletes up to `limit` jobs finished before `before` (the done_at index); returns how many. */
export async function pruneFinishedJobs(db: Db, before: Date, limit: number): Promise<number> {
  const ids = db.selectFrom('jobs').select('id').where('done_at', '<', before.toISOString()).limit(limit)
  const res = await db.deleteFrom('jobs').where('id', 'in', ids).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/** When the earliest job with one of these keys will run, if one is still to run (not finished, not dead). */
export async function firstOpenJobRunAt(db: Db, keys: string[]): Promise<string | null> {
  if (keys.length === 0) return null
  const row = await db
    .selectFrom('jobs')
    .select('run_at')
    .where('key', 'in', keys)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .orderBy('run_at')
    .limit(1)
    .executeTakeFirst()
  return row?.run_at ?? null
}

/** Exponential backoff with a ceiling: 30 s, 1 min, 2 min … 30 min. */
export function backoffMs(attempt: number, baseMs = 30_000, maxMs = 30 * 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
}
