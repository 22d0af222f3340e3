/** 常用退回原因 (docs/DOMAIN.md §5b): presets per kind and the operator's own recent reasons. */
import { Type, type Static } from 'typebox'
import { oneOf } from './common'
import { RETURN_REASON_MAX } from '../limits'

const REASON_KINDS = ['profile', 'transfer'] as const
export type ReasonKind = (typeof REASON_KINDS)[number]
export const REASON_KIND_LABELS: Record<ReasonKind, string> = { profile: '资料审核', transfer: '组织关系转接' }
/** How many recent reasons an operator is offered, and how many presets a kind may have. */
export const RECENT_REASONS_MAX = 10
const PRESETS_MAX = 20

export const ReturnReasonsQuery = Type.Object({ kind: oneOf(REASON_KINDS) })
export const ReturnReasons = Type.Object({ presets: Type.Array(Type.String()), recent: Type.Array(Type.String()) })
export type ReturnReasons = Static<typeof ReturnReasons>

export const PresetsBody = Type.Object({
  kind: oneOf(REASON_KINDS),
  presets: Type.Array(Type.String({ minLength: 1, maxLength: RETURN_REASON_MAX }), { maxItems: PRESETS_MAX }),
})
export type PresetsBody = Static<typeof PresetsBody>
