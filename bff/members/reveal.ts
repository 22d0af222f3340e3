/**
 * 显示完整号码 (docs/DOMAIN.md §6a): the only answer that carries a full ID number. Only an
 * account that decides for the member's own 团支部 may ask; every showing is in 操作日志 (who,
 * whom, when, IP) before the number leaves, and an account may ask only so often.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import { canSeeOrg, canDecideFor } from '../scope'
import { AppError } from '../errors'
import { findMemberById } from './repository'
import { findOrgById } from '../orgs/repository'
import { writeAudit, type RequestMeta } from '../audit/write'
import type { RateLimiter } from '../security/rate-limit'

export async function revealIdCard(ctx: AppContext, actor: Actor, memberId: number, meta: RequestMeta, limiter: RateLimiter): Promise<{ idCard: string }> {
  const m = await findMemberById(ctx.db, memberId)
  const org = m && (await findOrgById(ctx.db, m.org_id))
  if (!m || !org || !canSeeOrg(actor, org.path)) throw new AppError('NOT_FOUND')
  if (!canDecideFor(actor, m.org_id)) {
    throw new AppError(actor.kind === 'viewer' ? 'READ_ONLY' : 'FORBIDDEN', '只有团员所在团支部的审核账号可以查看完整号码')
  }
  limiter.hit(actor.accountId)
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, {
      at: ctx.clock.now().toISOString(), accountId: actor.accountId, orgId: m.org_id, action: 'member.reveal_id',
      objectType: 'member', objectId: m.id, summary: `显示完整号码：${m.name}（${m.id_card_masked}）`, ...meta,
    }),
  )
  return { idCard: ctx.crypto.decrypt(m.id_card_enc) }
}
