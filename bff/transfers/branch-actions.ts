/** 发起转接 and 撤回 by the member's 团支部 (PC). Only a branch decides for its own members. */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canDecideFor } from '../scope'
import type { InitiateTransferBody, BatchInitiateBody, BatchInitiateResult } from '../../shared/api/transfers'
import { findOrgById } from '../orgs/repository'
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

/**
 * 毕业 batch initiation (docs/DOMAIN.md §5a): one target, one cause, each member in its own
 * transaction, so a refused member (open transfer, not 正常, …) never half-writes another.
 */
export async function initiateBatchByBranch(ctx: AppContext, actor: Actor, body: BatchInitiateBody, meta: RequestMeta) {
  if (actor.orgType !== 'branch') throw new AppError('FORBIDDEN', '只有团支部可以为团员发起组织关系转接')
  if (!canDecideFor(actor, actor.orgId)) throw new AppError('READ_ONLY')
  checkCause(body)
  const target = await findOrgById(ctx.db, body.targetOrgId)
  if (!target) throw new AppError('RULE', 'targetOrgId: 转入组织不存在', { fields: [{ path: 'targetOrgId', message: '转入组织不存在' }] })
  const results: BatchInitiateResult['results'] = []
  for (const memberId of body.memberIds) {
    try {
      const { transferId, memberName } = await uniqueAs(
        () => ctx.db.transaction().execute(async (trx) => {
          const m = await findMemberById(trx, memberId)
          if (!m || m.org_id !== actor.orgId) throw new AppError('NOT_FOUND', '团员不存在或不在本团支部')
          const application = {
            to: target.code, kind: 'in_province' as const, cause: body.cause, causeNote: body.causeNote,
            // Without a unit for the whole batch, each member keeps the one on record.
            studyWorkUnit: body.studyWorkUnit?.trim() || m.study_work_unit || '',
          }
          const r = await applyForTransfer(ctx, trx, m, application, { initiator: 'branch', accountId: actor.accountId, memberField: 'memberId', ...meta })
          return { ...r, memberName: m.name }
        }),
        () => openTransferError('memberId'),
      )
      results.push({ memberId, ok: true, transferId, memberName })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      // Messages name the field for single requests; in a per-member result the member is the subject.
      results.push({ memberId, ok: false, code: e.code, message: e.message.replace(/^(memberId|to): /, '') })
    }
  }
  ctx.wakeWorker?.()
  return { results }
}

export async function withdrawByBranch(ctx: AppContext, actor: Actor, id: number, body: { reason?: string; version: number }, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, id)
    if (!t || !canDecideFor(actor, t.from_org_id)) throw new AppError('NOT_FOUND')
    await withdrawTransfer(ctx, trx, t, body.reason, { initiator: 'branch', accountId: actor.accountId, ...meta }, body.version)
  })
}
