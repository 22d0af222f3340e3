/**
 * 分配 (docs/DOMAIN.md §5a): a 团委 places a graduate waiting at its 待分配 node in one 团支部 of
 * its subtree. One transaction: the route (version-guarded), the member's move, the branch's
 * notification through the outbox, the audit row.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canDecideFor } from '../scope'
import type { AllocationBody, BatchAllocationBody } from '../../shared/api/transfers'
import { AppError, StaleError } from '../errors'
import { findOrgById, type OrgRow } from '../orgs/repository'
import { writeAudit } from '../audit/write'
import { recordPending } from '../notifications/repository'
import { allocateStep, allocationProblem } from './route'
import { findTransfer, stepsOf, routeStateOf, saveRouteState } from './repository'
import { moveMember } from './service'
import type { RequestMeta } from '../audit/write'

/** The 团支部 to allocate to: it must exist and lie in the actor's subtree, else a clear refusal. */
async function allocationTarget(ctx: AppContext, actor: Actor, branchOrgId: number): Promise<OrgRow> {
  const branch = await findOrgById(ctx.db, branchOrgId)
  const problem = branch ? allocationProblem({ path: actor.orgPath }, branch) : '只能分配到本团委下属的团支部'
  if (problem || !branch) throw new AppError('RULE', `branchOrgId: ${problem}`, { fields: [{ path: 'branchOrgId', message: problem! }] })
  return branch
}

export async function allocateTransfer(ctx: AppContext, actor: Actor, id: number, body: AllocationBody, meta: RequestMeta) {
  const branch = await allocationTarget(ctx, actor, body.branchOrgId)
  const out = await allocateTo(ctx, actor, id, body.version, branch, meta)
  ctx.wakeWorker?.()
  return out
}

async function allocateTo(ctx: AppContext, actor: Actor, id: number, version: number, branch: OrgRow, meta: RequestMeta) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    const steps = t ? ((await stepsOf(trx, [id])).get(id) ?? []) : []
    // Only the 团委 of the 待分配 node sees this action; to anyone else the application is not there.
    const node = steps.find((s) => s.role === 'allocate')
    if (!t || !node || node.org_id !== actor.orgId) throw new AppError('NOT_FOUND')
    if (!canDecideFor(actor, node.org_id)) throw new AppError('READ_ONLY')
    if (t.version !== version) throw new StaleError()
    const before = routeStateOf(t, steps)
    const res = allocateStep(before, node.seq)
    if (!res.ok) throw new AppError(res.code === 'RULE' ? 'NOT_DECIDABLE' : res.code, res.code === 'RULE' ? '该转接申请尚未到达待分配环节' : undefined)
    const now = ctx.clock.now().toISOString()
    await saveRouteState(trx, t, before, res.state, now, {
      decidedSeq: node.seq, decidedBy: actor.accountId, channel: meta.channel, allocatedOrgId: branch.id,
    })
    await moveMember(trx, t, now, branch.id)
    // The branch learns of its new member through the same outbox as any pending work.
    await recordPending(trx, { orgId: branch.id, kind: 'transfer', objectId: t.id, title: `毕业生${t.member_name}已分配到本团支部`, at: now })
    await writeAudit(trx, {
      at: now,
      accountId: actor.accountId,
      orgId: actor.orgId,
      action: 'transfer.allocate',
      objectType: 'transfer',
      objectId: t.id,
      summary: `组织关系转接：${t.member_name}，待分配，分配至${branch.name}（接转成功）`,
      detail: { seq: node.seq, branchOrgId: branch.id, completed: true },
      channel: meta.channel,
      ip: meta.ip,
    })
    return { memberName: t.member_name }
  })
}

/** Batch 分配: many graduates to one 团支部; each item succeeds or fails on its own. */
export async function allocateTransfers(ctx: AppContext, actor: Actor, body: BatchAllocationBody, meta: RequestMeta) {
  const branch = await allocationTarget(ctx, actor, body.branchOrgId)
  const results: { id: number; ok: boolean; code?: string; message?: string; memberName?: string }[] = []
  for (const item of body.items) {
    try {
      const { memberName } = await allocateTo(ctx, actor, item.id, item.version, branch, meta)
      results.push({ id: item.id, ok: true, memberName })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      results.push({ id: item.id, ok: false, code: e.code, message: e.message })
    }
  }
  ctx.wakeWorker?.()
  return { results }
}
