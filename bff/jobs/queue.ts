/**
 * A small persisted job queue on the app's own database (issue #6). Jobs are claimed with a
 * lease by an optimistic UPDATE (the same statement on SQLite and PostgreSQL), so two worker
 * processes on one database never run the same job; a crashed worker's lease simply expires.
 */
import type { Kysely, Transaction, Selectable } from 'kysely'
import type { Database } from '../db/schema'
import type { JobsTable } from '../db/schema/jobs'
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
  await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      key: job.key ?? null,
      payload_json: JSON.stringify(job.payload),
      run_at: job.runAt.toISOString(),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
}

/** Claims up to `limit` due jobs for `workerId` until `now + leaseMs`. */
export async function claimDue(db: Kysely<Database>, workerId: string, now: Date, leaseMs: number, limit: number): Promise<JobRow[]> {
  const nowIso = now.toISOString()
  const candidates = await db
    .selectFrom('jobs')
    .selectAll()
    .where('done_at', 'is', null)
    .where('run_at', '<=', nowIso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .orderBy('run_at')
    .limit(limit)
    .execute()
  const until = new Date(now.getTime() + leaseMs).toISOString()
  const claimed: JobRow[] = []
  for (const job of candidates) {
    const res = await db
      .updateTable('jobs')
      .set({ locked_by: workerId, locked_until: until, attempts: job.attempts + 1 })
      .where('id', '=', job.id)
      .where('attempts', '=', job.attempts)
      .where('done_at', 'is', null)
      .executeTakeFirst()
    if (rowsChanged(res) === 1) claimed.push({ ...job, locked_by: workerId, locked_until: until, attempts: job.attempts + 1 })
  }
  return claimed
}

export async function completeJob(db: Db, job: JobRow, now: Date): Promise<void> {
  await db.updateTable('jobs').set({ done_at: now.toISOString(), locked_until: null, last_error: null }).where('id', '=', job.id).where('locked_by', '=', job.locked_by).execute()
}

export async function retryJob(db: Db, job: JobRow, runAt: Date, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ run_at: runAt.toISOString(), locked_until: null, last_error: error.slice(0, 1000) })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .execute()
}

/** Exponential backoff with a ceiling: 30 s, 1 min, 2 min … 30 min. */
export function backoffMs(attempt: number, baseMs = 30_000, maxMs = 30 * 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
}
