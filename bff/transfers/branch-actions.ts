/** 发起转接 and 撤回 by the member's 团支部 (PC). Only a branch decides for its own members. */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canDecideFor } from '../scope'
import type { InitiateTransferBody } from '../../shared/api/transfers'
import { AppError, uniqueAs } from '../errors'
import { findMemberById } from '../members/repository'
import { applyForTransfer, withdrawTransfer, checkCause, openTransferError } from './apply'
import { findTransfer } from './repository'
import type { RequestMeta } from '../audit/write'

export async function initiateByBranch(ctx: AppContext, actor: Actor, body: InitiateTransferBody, meta: RequestMeta) {
  if (actor.orgType !== 'branch') throw new AppError('FORBIDDEN', '只有团支部可以为团员发起组织关系转接')
  if (!canDecideFor(actor, actor.orgId)) throw new AppError('READ_ONLY')
  checkCause(body)
  const out = await uniqueAs(
    () => ctx.db.transaction().execute(async (trx) => {
      const m = await findMemberById(trx, body.memberId)
      if (!m || m.org_id !== actor.orgId) throw new AppError('NOT_FOUND')
      return applyForTransfer(ctx, trx, m, body, { initiator: 'branch', accountId: actor.accountId, memberField: 'memberId', ...meta })
    }),
    () => openTransferError('memberId'),
  )
  ctx.wakeWorker?.()
  return out
}

export async function withdrawByBranch(ctx: AppContext, actor: Actor, id: number, body: { reason?: string; version: number }, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t || !canDecideFor(actor, t.from_org_id)) throw new AppError('NOT_FOUND')
    await withdrawTransfer(ctx, trx, t, body.reason, { initiator: 'branch', accountId: actor.accountId, ...meta }, body.version)
  })
}
