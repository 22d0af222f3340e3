/** What the member-facing system shows the member about itself (integration API). */
import type { AppContext } from '../context'
import { IMPORTANT_FIELDS } from '../../shared/members'
import { PROFILE_STATUSES, REALNAME_STATUSES } from '../../shared/reviews'
import { findOrgById } from '../orgs/repository'
import { latestReturnOfMember } from '../reviews/repository'
import { recentTransfersOfMember } from '../transfers/repository'
import { displayValue } from './changes'
import { memberByIdCard } from './service'

export async function memberStatus(ctx: AppContext, rawIdCard: string) {
  const m = await memberByIdCard(ctx, ctx.db, rawIdCard)
  const [org, lastReturn, transfers] = await Promise.all([
    findOrgById(ctx.db, m.org_id),
    latestReturnOfMember(ctx.db, m.id),
    recentTransfersOfMember(ctx.db, m.id, 10),
  ])
  return {
    memberId: m.id,
    name: m.name,
    org: { code: org!.code, name: org!.name },
    profileStatus: m.profile_status,
    profileStatusLabel: PROFILE_STATUSES[m.profile_status],
    realNameStatus: m.realname_status,
    realNameStatusLabel: REALNAME_STATUSES[m.realname_status],
    leagueStatus: m.league_status,
    latestReturnReason: lastReturn?.reason ?? null,
    important: Object.fromEntries(IMPORTANT_FIELDS.map((f) => [f, displayValue(f, m)])),
    transfers: transfers.map((t) => ({ id: t.id, status: t.status, kind: t.kind, appliedAt: t.applied_at, endReason: t.end_reason })),
  }
}
