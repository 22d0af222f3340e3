/**
 * Real-name checks as persisted jobs (docs/DOMAIN.md §4, issue #6): one check right after a
 * registration, and re-checks of a failed one at REALNAME_RECHECK_DELAYS after submission.
 * A pass turns the status to `passed` with an audit row by the system; after the last
 * re-check a failure stays `failed` and the reviewer is asked to verify offline on PC.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { AppContext } from '../context'
import type { JobRow } from '../jobs/repository'
import { enqueue, enqueueMany, firstOpenJobRunAt, backoffMs, type NewJob } from '../jobs/repository'
import type { JobOutcome } from '../jobs/worker'
import type { RealNameProvider } from './local-provider'
import { nextRecheckAt } from './schedule'
import { writeAudit } from '../audit/write'
import { findMemberById, updateMember } from '../members/repository'

export const REALNAME_JOB = 'realname_check'

interface Payload {
  memberId: number
  appliedAt: string
}

function checkJob(memberId: number, appliedAt: string | null, runAt: Date): NewJob {
  return { kind: REALNAME_JOB, key: `realname:${memberId}:${appliedAt}:${runAt.toISOString()}`, payload: { memberId, appliedAt }, runAt }
}

/** Called inside the registration's transaction, so the check can never be forgotten. */
export async function enqueueRealnameCheck(trx: Transaction<Database> | Kysely<Database>, memberId: number, appliedAt: string, runAt: Date, now: Date) {
  await enqueue(trx, checkJob(memberId, appliedAt, runAt), now)
}

/**
 * Imported members get what a registration would have (issue #10): a `pending` check runs
 * now, a `failed` one inside its 24 hours gets its next re-check. Inside the import's
 * transaction, so no imported member is left 校验中 with nobody to check it.
 */
export async function enqueueImportedChecks(
  trx: Transaction<Database>,
  members: { id: number; realNameStatus: string; appliedAt: string | null }[],
  recheckDelaysMs: number[],
  now: Date,
): Promise<number> {
  const jobs: NewJob[] = []
  for (const m of members) {
    if (m.realNameStatus === 'pending') jobs.push(checkJob(m.id, m.appliedAt, now))
    else if (m.realNameStatus === 'failed' && m.appliedAt) {
      const next = nextRecheckAt(m.appliedAt, recheckDelaysMs, now)
      if (next) jobs.push(checkJob(m.id, m.appliedAt, new Date(next)))
    }
  }
  await enqueueMany(trx, jobs, now)
  return jobs.length
}

/**
 * When the next automatic re-check of this submission really runs: the earliest re-check job
 * still queued (never a promise computed from the schedule alone), or null.
 */
export async function queuedRecheckAt(db: Kysely<Database>, memberId: number, appliedAt: string, recheckDelaysMs: number[]): Promise<string | null> {
  const t0 = new Date(appliedAt).getTime()
  return firstOpenJobRunAt(db, recheckDelaysMs.map((d) => checkJob(memberId, appliedAt, new Date(t0 + d)).key!))
}

export function realnameHandler(provider: RealNameProvider) {
  return async (ctx: AppContext, job: JobRow, p: Payload): Promise<JobOutcome> => {
    const m = await findMemberById(ctx.db, p.memberId)
    // Resubmitted since (a newer check exists), already decided, or verified offline: nothing to do.
    if (!m || m.applied_at !== p.appliedAt || m.realname_status === 'passed' || m.realname_status === 'offline_passed') return { done: true }
    const answer = await provider.check({ name: m.name, idCard: ctx.crypto.decrypt(m.id_card_enc) })
    const now = ctx.clock.now()
    if (answer === 'unavailable') {
      return { retryAt: new Date(now.getTime() + backoffMs(job.attempts)), error: '实名认证服务暂时不可用，稍后重试' }
    }
    const status = answer === 'match' ? 'passed' : 'failed'
    await ctx.db.transaction().execute(async (trx) => {
      // A member changed during the check is a StaleError: the job retries with the new data.
      await updateMember(trx, m, { realname_status: status, updated_at: now.toISOString() })
      if (status === 'passed' && m.realname_status === 'failed') {
        await writeAudit(trx, {
          at: now.toISOString(), accountId: null, orgId: m.org_id, action: 'realname.recheck_pass', objectType: 'member', objectId: m.id,
          summary: `实名认证：${m.name}（${m.id_card_masked}）系统自动复核通过`, channel: 'system', ip: null,
        })
      }
      if (status === 'failed') {
        const next = nextRecheckAt(p.appliedAt, ctx.config.realname.recheckDelaysMs, now)
        if (next) await enqueueRealnameCheck(trx, m.id, p.appliedAt, new Date(next), now)
      }
    })
    return { done: true }
  }
}
