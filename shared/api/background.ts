import { Type, type Static } from 'typebox'
import { Nullable } from './common'

/** What each kind of background job is called on 后台任务. */
export const JOB_KINDS: Record<string, string> = {
  realname_check: '实名认证核验',
  overdue_digest: '催办提醒',
  prune: '清理过期记录',
}

/** A dead-lettered job: it used up its attempts and waits for an admin's 重试. */
export const FailedJob = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  kindLabel: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  failedAt: Type.String(),
})
export type FailedJob = Static<typeof FailedJob>

export const BackgroundStatus = Type.Object({
  jobsDue: Type.Integer(),
  deliveriesPending: Type.Integer(),
  lastJobError: Nullable(Type.String()),
  lastDeliveryError: Nullable(Type.String()),
  failedCount: Type.Integer(),
  /** The newest dead-lettered jobs (at most 20). */
  failedJobs: Type.Array(FailedJob),
})
export type BackgroundStatus = Static<typeof BackgroundStatus>
