/**
 * 团员查询 / 我的团员: members of the actor's organisation and all its descendants, masked.
 * "Descendants" is one range over the materialised path, whatever the tree's size.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg } from '../scope'
import type { PageOf } from '../../shared/api/common'
import type { MemberDetail, MemberListQuery, MemberSummary } from '../../shared/api/members'
import { decodeCursor, limitOf, pageOf } from '../pagination'
import { AppError, fail } from '../errors'
import { normalizeIdCard } from '../../shared/idcard'
import { listMembersInScope, findMemberById, findMemberByIdCard, toMemberDetail, toMemberSummary, type MemberListFilter, type MemberRow } from './repository'
import { findOrgById } from '../orgs/repository'
import { memberOnRouteBelow } from '../transfers/repository'
import { findPendingReviewOfMember } from '../reviews/repository'
import { offlineInfo } from '../reviews/offline-record'

export async function listMembers(ctx: AppContext, actor: Actor, q: MemberListQuery): Promise<PageOf<MemberSummary>> {
  const limit = limitOf(q.limit)
  const name = q.q?.trim() || undefined
  // The phone number is found by its keyed hash, as it is stored (docs/DOMAIN.md §6a).
  const mobile = q.mobile?.trim()
  const filter: MemberListFilter = {
    name, profileStatus: q.profileStatus, realNameStatus: q.realNameStatus, education: q.education, expectedGraduation: q.expectedGraduation,
    mobileHash: mobile ? ctx.crypto.lookupHash(mobile) : undefined,
  }
  const rows = await listMembersInScope(ctx.db, actor, filter, decodeCursor(q.cursor), limit)
  const toItem = (r: (typeof rows)[number]) =>
    toMemberSummary(ctx.crypto, r, { id: r.org_id, code: r.o_code, name: r.o_name, type: r.o_type, path: r.o_path, parent_id: r.o_parent_id })
  // The cursor is the last row's key in the list's order (listMembersInScope).
  return pageOf(rows, limit, toItem, (r) => (name ? [r.name, r.id] : actor.orgType === 'branch' ? [0, r.id] : [r.o_path, r.id]))
}

export async function getMember(ctx: AppContext, actor: Actor, id: number): Promise<MemberDetail> {
  const m = await findMemberById(ctx.db, id)
  const org = m && (await findOrgById(ctx.db, m.org_id))
  if (!m || !org) return fail('NOT_FOUND')
  if (!canSeeOrg(actor, org.path) && !(await onTransferRoute(ctx, actor, id))) return fail('NOT_FOUND')
  const pending = await findPendingReviewOfMember(ctx.db, m.id)
  const offline = m.realname_status === 'offline_passed' ? await offlineInfo(ctx, actor, m.id) : null
  return toMemberDetail(ctx.crypto, m, org, pending ? { id: pending.id, kind: pending.kind, version: pending.version } : null, offline)
}

/**
 * The organisations on a member's transfer route review the member's data too (查看团员资料
 * on the transfer detail, seed §1(2)), though the receiving side is not an ancestor — once
 * the application has reached them.
 */
async function onTransferRoute(ctx: AppContext, actor: Actor, memberId: number): Promise<boolean> {
  return memberOnRouteBelow(ctx.db, memberId, actor.orgPath)
}

/** The member an outside system names by ID number (integration API); 404 in Chinese if none. */
export async function memberByIdCard(ctx: AppContext, db: Parameters<typeof findMemberByIdCard>[0], rawIdCard: string): Promise<MemberRow> {
  const m = await findMemberByIdCard(db, ctx.crypto, normalizeIdCard(rawIdCard))
  if (!m) throw new AppError('NOT_FOUND', '未找到该身份证号码对应的团员')
  return m
}
