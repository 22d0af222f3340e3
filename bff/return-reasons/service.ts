/** 常用退回原因 (docs/DOMAIN.md §5b): everyone reads; only the root organisation's admin edits the presets. */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import type { Channel } from '../../shared/organizations'
import { RECENT_REASONS_MAX, REASON_KIND_LABELS, type ReasonKind, type ReturnReasons } from '../../shared/api/return-reasons'
import { checkReason } from '../../shared/reasons'
import { ERRORS } from '../../shared/errors'
import { AppError } from '../errors'
import { byActor, writeAudit } from '../audit/write'
import { isRootAdmin } from '../scope'
import { listPresets, recentReasons, replacePresets } from './repository'

export async function returnReasons(ctx: AppContext, actor: Actor, kind: ReasonKind): Promise<ReturnReasons> {
  const [presets, recent] = await Promise.all([
    listPresets(ctx.db, kind),
    recentReasons(ctx.db, kind, actor.accountId, RECENT_REASONS_MAX),
  ])
  return { presets, recent }
}

export async function savePresets(
  ctx: AppContext,
  actor: Actor,
  body: { kind: ReasonKind; presets: string[] },
  meta: { channel: Channel; ip: string | null },
): Promise<ReturnReasons> {
  if (!isRootAdmin(actor)) throw new AppError('FORBIDDEN', '只有最高级团组织的组织账号可以修改常用退回原因')
  // The same rule as a typed reason (trimmed, 1–249), and no repeats: a preset is one tap.
  const texts: string[] = []
  body.presets.forEach((raw, i) => {
    const check = checkReason(raw)
    if (!check.ok) throw new AppError('VALIDATION', `presets[${i}]: ${ERRORS[check.code].message}`, { fields: [{ path: `presets[${i}]`, message: ERRORS[check.code].message }] })
    if (texts.includes(check.reason)) throw new AppError('VALIDATION', `presets[${i}]: 与前面的原因重复`, { fields: [{ path: `presets[${i}]`, message: '与前面的原因重复' }] })
    texts.push(check.reason)
  })
  await ctx.db.transaction().execute(async (trx) => {
    await replacePresets(trx, body.kind, texts)
    await writeAudit(trx, {
      ...byActor(actor, meta, ctx.clock.now().toISOString()), action: 'reasons.update',
      objectType: null, objectId: null, summary: `修改${REASON_KIND_LABELS[body.kind]}常用退回原因（${texts.length}条）`,
      detail: { kind: body.kind, presets: texts },
    })
  })
  return returnReasons(ctx, actor, body.kind)
}
