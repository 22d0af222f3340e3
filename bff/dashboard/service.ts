/** 团务管理首页 counts (docs/DOMAIN.md §6): the kept 转接 counts (queueCounts in bff/transfers/repository.ts) and indexed ranges of this organisation. */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import type { Dashboard } from '../../shared/api/me'
import { TRANSFER_OVERDUE_HOURS } from '../../shared/limits'
import { countPendingReviews } from '../reviews/repository'
import { queueCounts } from '../transfers/repository'

export async function dashboard(ctx: AppContext, actor: Actor): Promise<Dashboard> {
  const overdueBefore = new Date(ctx.clock.now().getTime() - TRANSFER_OVERDUE_HOURS * 3_600_000).toISOString()
  const [pending, todo] = await Promise.all([
    actor.orgType === 'branch' ? countPendingReviews(ctx.db, actor.orgId) : Promise.resolve(0),
    queueCounts(ctx.db, actor.orgId, overdueBefore),
  ])
  return {
    profileReviews: { pending },
    transfers: { pending: todo.pending, overdue: todo.overdue },
    allocations: { pending: todo.allocate, overdue: todo.allocateOverdue },
  }
}
