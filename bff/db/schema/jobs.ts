import type { Generated } from 'kysely'

/**
 * Persisted background jobs (issue #6): they survive restarts and are claimed with a lease
 * (`locked_by` + `locked_until`) so several BFF processes never run the same job at once.
 * `key` makes enqueueing idempotent (one job per purpose).
 */
export interface JobsTable {
  id: Generated<number>
  kind: string
  key: string | null
  payload_json: string
  run_at: string
  attempts: Generated<number>
  locked_by: string | null
  locked_until: string | null
  last_error: string | null
  done_at: string | null
  /** Dead-lettered after JOB_MAX_ATTEMPTS: kept for an admin to read and retry, never claimed. */
  failed_at: string | null
  created_at: string
}
