/** An admin's 重试 of a dead-lettered job (后台任务, issue #10), audited with the decision. */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { AppError } from '../errors'
import { byActor, writeAudit } from '../audit/write'
import { findJob, requeueFailedJob } from './repository'
import { JOB_KINDS } from '../../shared/api/background'
import type { Channel } from '../../shared/organizations'

export async function retryFailedJob(ctx: AppContext, actor: Actor, id: number, meta: { channel: Channel; ip: string | null }): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const job = await findJob(trx, id)
    if (!job) throw new AppError('NOT_FOUND')
    // Guarded: of two admins pressing 重试 at once, the second is told it already happened.
    if ((await requeueFailedJob(trx, id, now)) !== 1) throw new AppError('CONFLICT', '该任务已重试或已完成')
    await writeAudit(trx, {
      ...byActor(actor, meta, now.toISOString()), action: 'background.retry', objectType: null, objectId: null,
      summary: `后台任务重试：${JOB_KINDS[job.kind] ?? job.kind}（任务 ${id}），上次错误：${(job.last_error ?? '—').slice(0, 200)}`,
      detail: { jobId: id },
    })
  })
  ctx.wakeWorker?.()
}
