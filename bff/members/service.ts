/**
 * 团员查询 / 我的团员: members of the actor's organisation and all its descendants, masked.
 * "Descendants" is one range over the materialised path, whatever the tree's size.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg } from '../scope'
import type { PageOf } from '../../shared/api/common'
import type { MemberDetail, MemberListQuery, MemberSummary } from '../../shared/api/members'
import { prefixUpperBound } from '../db/dialect'
import { decodeCursor, limitOf, pageOf } from '../pagination'
import { AppError, fail } from '../errors'
import { normalizeIdCard } from '../../shared/idcard'
import { findMemberById, findMemberByIdCard, toMemberDetail, toMemberSummary, type MemberRow } from './repository'
import { findOrgById } from '../orgs/repository'
import { findPendingReviewOfMember } from '../reviews/repository'
import { offlineInfo } from '../reviews/offline'

export async function listMembers(ctx: AppContext, actor: Actor, q: MemberListQuery): Promise<PageOf<MemberSummary>> {
  const limit = limitOf(q.limit)
  const cursor = decodeCursor(q.cursor)
  let query = ctx.db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.code as o_code', 'o.name as o_name', 'o.type as o_type', 'o.path as o_path', 'o.parent_id as o_parent_id'])
  // Own organisation: an equality on org_id uses the index; otherwise the path range.
  query = actor.orgType === 'branch'
    ? query.where('m.org_id', '=', actor.orgId)
    : query.where('o.path', '>=', actor.orgPath).where('o.path', '<', prefixUpperBound(actor.orgPath))
  const name = q.q?.trim()
  if (name) query = query.where('m.name', '>=', name).where('m.name', '<', prefixUpperBound(name))
  if (q.profileStatus) query = query.where('m.profile_status', '=', q.profileStatus)
  if (q.realNameStatus) query = query.where('m.realname_status', '=', q.realNameStatus)
  if (q.education) query = query.where('m.education', '=', q.education)
  if (q.mobile) query = query.where('m.mobile', '=', q.mobile)
  type Row = Awaited<ReturnType<typeof query.execute>>[number]
  const toItem = (r: Row) =>
    toMemberSummary(r, { id: r.org_id, code: r.o_code, name: r.o_name, type: r.o_type, path: r.o_path, parent_id: r.o_parent_id })
  if (name) {
    // A name search walks the (name, id) index in order, so a common name costs one page,
    // not every namesake in the province.
    if (cursor) {
      const [n, id] = cursor
      query = query.where((eb) => eb.or([eb('m.name', '>', String(n)), eb.and([eb('m.name', '=', String(n)), eb('m.id', '>', id)])]))
    }
    const rows = await query.orderBy('m.name').orderBy('m.id').limit(limit + 1).execute()
    return pageOf(rows, limit, toItem, (r) => [r.name, r.id])
  }
  if (cursor) query = query.where('m.id', '<', cursor[1])
  const rows = await query.orderBy('m.id', 'desc').limit(limit + 1).execute()
  return pageOf(rows, limit, toItem, (r) => [0, r.id])
}

export async function getMember(ctx: AppContext, actor: Actor, id: number): Promise<MemberDetail> {
  const m = await findMemberById(ctx.db, id)
  const org = m && (await findOrgById(ctx.db, m.org_id))
  if (!m || !org) return fail('NOT_FOUND')
  if (!canSeeOrg(actor, org.path) && !(await onTransferRoute(ctx, actor, id))) return fail('NOT_FOUND')
  const pending = await findPendingReviewOfMember(ctx.db, m.id)
  const offline = m.realname_status === 'offline_passed' ? await offlineInfo(ctx, actor, m.id) : null
  return toMemberDetail(m, org, pending ? { id: pending.id, kind: pending.kind, version: pending.version } : null, offline)
}

/**
 * The organisations on a member's transfer route review the member's data too (查看团员资料
 * on the transfer detail, seed §1(2)), though the receiving side is not an ancestor — once
 * the application has reached them.
 */
async function onTransferRoute(ctx: AppContext, actor: Actor, memberId: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('transfers as t')
    .innerJoin('transfer_steps as s', 's.transfer_id', 't.id')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .select('t.id')
    .where('t.member_id', '=', memberId)
    // Only nodes the application reached: the one deciding now, and those that decided it
    // (they keep seeing what they decided on, as in 已审核); never nodes it did not reach.
    .where('s.state', 'in', ['pending', 'approved', 'returned'])
    .where('o.path', '>=', actor.orgPath)
    .where('o.path', '<', prefixUpperBound(actor.orgPath))
    .executeTakeFirst()
  return !!row
}

/** The member an outside system names by ID number (integration API); 404 in Chinese if none. */
export async function memberByIdCard(ctx: AppContext, db: Parameters<typeof findMemberByIdCard>[0], rawIdCard: string): Promise<MemberRow> {
  const m = await findMemberByIdCard(db, ctx.crypto, normalizeIdCard(rawIdCard))
  if (!m) throw new AppError('NOT_FOUND', '未找到该身份证号码对应的团员')
  return m
}
