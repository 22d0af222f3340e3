/**
 * 预计毕业时间 on the PC member page (docs/DOMAIN.md §5a): the member's own 团支部 marks the
 * month a member graduates, so the season's class can be filtered and sent on in one action.
 * Only an account that decides for that 团支部 may change it; every change is in 操作日志.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg, canDecideFor } from '../scope'
import { AppError } from '../errors'
import { EXPECTED_GRADUATION_PATTERN, EXPECTED_GRADUATION_RULE } from '../../shared/members'
import type { ExpectedGraduationBody, MemberDetail } from '../../shared/api/members'
import { findMemberById, updateMember } from './repository'
import { findOrgById } from '../orgs/repository'
import { writeAudit, type RequestMeta } from '../audit/write'
import { getMember } from './service'

export async function setExpectedGraduation(
  ctx: AppContext, actor: Actor, memberId: number, body: ExpectedGraduationBody, meta: RequestMeta,
): Promise<MemberDetail> {
  const value = body.expectedGraduation?.trim() || null
  if (value !== null && !EXPECTED_GRADUATION_PATTERN.test(value)) {
    throw new AppError('VALIDATION', `expectedGraduation: ${EXPECTED_GRADUATION_RULE}`, { fields: [{ path: 'expectedGraduation', message: EXPECTED_GRADUATION_RULE }] })
  }
  await ctx.db.transaction().execute(async (trx) => {
    const m = await findMemberById(trx, memberId)
    const org = m && (await findOrgById(trx, m.org_id))
    if (!m || !org || !canSeeOrg(actor, org.path)) throw new AppError('NOT_FOUND')
    if (!canDecideFor(actor, m.org_id)) {
      throw new AppError(actor.kind === 'viewer' ? 'READ_ONLY' : 'FORBIDDEN', '只有团员所在团支部的组织账号或运营者可以修改预计毕业时间')
    }
    if (m.expected_graduation === value) return
    const now = ctx.clock.now().toISOString()
    await updateMember(trx, m, { expected_graduation: value, updated_at: now })
    await writeAudit(trx, {
      at: now, accountId: actor.accountId, orgId: m.org_id, action: 'member.graduation', objectType: 'member', objectId: m.id,
      summary: `预计毕业时间：${m.name}，${m.expected_graduation ?? '未填写'} → ${value ?? '未填写'}`,
      detail: { before: m.expected_graduation, after: value }, ...meta,
    })
  })
  return getMember(ctx, actor, memberId)
}
