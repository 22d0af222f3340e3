/**
 * Applying for and withdrawing a transfer, for both initiators (docs/DOMAIN.md §5): the member
 * (through the integration API) and the member's 团支部 (PC). One transaction each, with the
 * notification of the first pending node and the audit row.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { AppContext } from '../context'
import type { Channel } from '../../shared/organizations'
import { EXTERNAL_ORG_CODE } from '../../shared/organizations'
import { REGISTERED_STATUSES } from '../../shared/reviews'
import { TRANSFER_OTHER_CAUSE_MIN } from '../../shared/limits'
import type { TransferCause, TransferKind, TransferInitiator } from '../../shared/transfers'
import { checkReason } from '../../shared/reasons'
import { AppError, StaleError } from '../errors'
import type { MemberRow } from '../members/repository'
import { findOrgByCode, findOrgById } from '../orgs/repository'
import { writeAudit } from '../audit/write'
import { applyProblem, APPLY_PROBLEM_MESSAGES, canWithdraw, planRoute } from './route'
import { hasOpenTransfer, stepsOf, routeStateOf, saveRouteState, type TransferRow } from './repository'
import { insertTransfer, routeInputOf } from './service'
import { notifyCurrentNode } from './notify'

const rule = (path: string, message: string): never => {
  throw new AppError('RULE', `${path}: ${message}`, { fields: [{ path, message }] })
}

export interface Application {
  /** The target's code (integration API, import, 省外组织) … */
  to?: string
  /** … or its id (the PC form); exactly one of the two. */
  toOrgId?: number
  kind: TransferKind
  cause: TransferCause
  causeNote?: string
  studyWorkUnit: string
}

export interface Initiation {
  initiator: TransferInitiator
  accountId: number | null
  channel: Channel
  ip: string | null
  /** How the request names the member, for messages (`idCard` or `memberId`). */
  memberField: string
}

/** The answer to a second open application, whether the check or the unique index caught it. */
export function openTransferError(memberField: string): AppError {
  const message = APPLY_PROBLEM_MESSAGES.OPEN_TRANSFER
  return new AppError('RULE', `${memberField}: ${message}`, { fields: [{ path: memberField, message }] })
}

export function checkCause(a: Pick<Application, 'cause' | 'causeNote'>) {
  if (a.cause === '其他原因' && [...(a.causeNote ?? '').trim()].length < TRANSFER_OTHER_CAUSE_MIN) {
    rule('causeNote', `转接原因为“其他原因”时，请填写不少于${TRANSFER_OTHER_CAUSE_MIN}个字的说明`)
  }
}

export async function applyForTransfer(ctx: AppContext, trx: Transaction<Database>, m: MemberRow, a: Application, who: Initiation) {
  checkCause(a)
  const from = (await findOrgById(trx, m.org_id))!
  if ((a.to === undefined) === (a.toOrgId === undefined)) return rule('to', '请指定一个转入组织（组织代码或组织编号，只能二选一）')
  const to = a.toOrgId !== undefined ? await findOrgById(trx, a.toOrgId) : await findOrgByCode(trx, a.to!)
  if (!to) return rule('to', '转入组织不存在')
  const problem = applyProblem({
    kind: a.kind,
    cause: a.cause,
    registered: REGISTERED_STATUSES.includes(m.profile_status),
    leagueNormal: m.league_status === 'normal',
    hasOpenTransfer: await hasOpenTransfer(trx, m.id),
    currentBranchId: m.org_id,
    target: { id: to.id, type: to.type, external: to.code === EXTERNAL_ORG_CODE },
  })
  if (problem) {
    const aboutMember = problem === 'OPEN_TRANSFER' || problem === 'NOT_REGISTERED' || problem === 'LEAGUE_STATUS_ABNORMAL'
    rule(aboutMember ? who.memberField : 'to', APPLY_PROBLEM_MESSAGES[problem])
  }
  const at = ctx.clock.now().toISOString()
  const transferId = await insertTransfer(trx, {
    memberId: m.id, fromOrg: from, toOrg: to, kind: a.kind, cause: a.cause, causeNote: a.causeNote?.trim() || null,
    studyWorkUnit: a.studyWorkUnit.trim(), initiator: who.initiator, initiatedBy: who.accountId, appliedAt: at,
  })
  const route = planRoute(routeInputOf({ kind: a.kind, initiator: who.initiator, fromOrg: from, toOrg: to }))
  await notifyCurrentNode(trx, route, transferId, m.name, at)
  await writeAudit(trx, {
    at, accountId: who.accountId, orgId: from.id, action: 'transfer.initiate', objectType: 'transfer', objectId: transferId,
    summary: `组织关系转接：${who.initiator === 'branch' ? `${from.name}为${m.name}发起` : `${m.name}申请`}从${from.name}转至${to.name}`,
    channel: who.channel, ip: who.ip,
  })
  return { transferId }
}

/** 撤回 by its initiator, before node 4, with a reason; the version guards a race with a decision. */
export async function withdrawTransfer(
  ctx: AppContext,
  trx: Transaction<Database>,
  t: TransferRow,
  rawReason: string | undefined,
  who: Omit<Initiation, 'memberField'>,
  version?: number,
) {
  const reason = checkReason(rawReason)
  if (!reason.ok) throw new AppError(reason.code, reason.code === 'REASON_REQUIRED' ? '请填写撤回原因' : undefined)
  if (t.initiator !== who.initiator) {
    throw new AppError('FORBIDDEN', t.initiator === 'branch' ? '该转接申请由团支部发起，只能由发起的团支部撤回' : '该转接申请由团员本人发起，只能由团员撤回')
  }
  if (version !== undefined && version !== t.version) throw new StaleError()
  if (!canWithdraw({ status: t.status, currentSeq: t.current_seq })) throw new StaleError('该转接申请已到达转入团支部的上级审核或已结束，不能撤回')
  const before = routeStateOf(t, (await stepsOf(trx, [t.id])).get(t.id) ?? [])
  const at = ctx.clock.now().toISOString()
  // The node that was waiting will never decide: it goes back to 未开始.
  const steps = before.steps.map((s) => (s.state === 'pending' ? { ...s, state: 'waiting' as const } : s))
  await saveRouteState(trx, t, before, { status: 'withdrawn', currentSeq: null, steps }, at, { endReason: reason.reason })
  await writeAudit(trx, {
    at, accountId: who.accountId, orgId: t.from_org_id, action: 'transfer.withdraw', objectType: 'transfer', objectId: t.id,
    summary: `组织关系转接：${t.member_name}的申请已撤回，原因：${reason.reason}`, channel: who.channel, ip: who.ip,
  })
}
