/**
 * 申请, 确认 and 撤回 by the member, as the member-facing system reports them (integration
 * API, docs/CONTRACT.md). The member is named by ID number. The counterpart of
 * branch-actions.ts; both go through apply.ts and the pure rules in route.ts.
 */
import type { Static } from 'typebox'
import type { AppContext } from '../context'
import { AppError, StaleError, uniqueAs } from '../errors'
import { memberByIdCard } from '../members/service'
import { writeAudit, type RequestMeta } from '../audit/write'
import { applyForTransfer, withdrawTransfer, checkCause, openTransferError } from './apply'
import { memberConfirms } from './route'
import { findTransfer, stepsOf, routeStateOf, saveRouteState } from './repository'
import { notifyCurrentNode } from './notify'
import type { TransferBody } from '../integration/schemas'

export async function applyByMember(ctx: AppContext, body: Static<typeof TransferBody>, meta: RequestMeta) {
  checkCause(body)
  const out = await uniqueAs(
    () => ctx.db.transaction().execute(async (trx) => {
      const m = await memberByIdCard(ctx, trx, body.idCard)
      return applyForTransfer(ctx, trx, m, body, { initiator: 'member', accountId: null, memberField: 'idCard', ...meta })
    }),
    () => openTransferError('idCard'),
  )
  ctx.wakeWorker?.()
  return out
}

/** The member confirms a branch-initiated application (docs/DOMAIN.md §5). */
export async function confirmByMember(ctx: AppContext, id: number, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t) throw new AppError('NOT_FOUND')
    const before = routeStateOf(t, (await stepsOf(trx, [id])).get(id) ?? [])
    const res = memberConfirms(before)
    if (!res.ok) throw new StaleError('该转接申请无需确认或已处理')
    const at = ctx.clock.now().toISOString()
    await saveRouteState(trx, t, before, res.state, at, {})
    await notifyCurrentNode(trx, res.state, t.id, t.member_name, at)
    await writeAudit(trx, {
      at, accountId: null, orgId: t.from_org_id, action: 'transfer.confirm', objectType: 'transfer', objectId: t.id,
      summary: `组织关系转接：${t.member_name}确认团支部发起的转接申请`, ...meta,
    })
  })
}

/** 撤回 by the member: only its own application, before node 4, with a reason. */
export async function withdrawByMember(ctx: AppContext, id: number, rawReason: string | undefined, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t) throw new AppError('NOT_FOUND')
    await withdrawTransfer(ctx, trx, t, rawReason, { initiator: 'member', accountId: null, ...meta })
  })
}
