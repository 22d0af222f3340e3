import { Type, type Static } from 'typebox'
import { Nullable, keysOf } from './common'
import { ORG_TYPES } from '../organizations'

export const OrgSearchQuery = Type.Object({
  /** Beginning of the name, or a code; may be empty only with `within=self`. */
  q: Type.Optional(Type.String({ maxLength: 50 })),
  type: Type.Optional(keysOf(ORG_TYPES)),
  /** `self`: only this organisation's subtree (分配 by a 团委, docs/DOMAIN.md §5a). */
  within: Type.Optional(Type.Literal('self')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})
/**
 * A search hit. Organisation codes are the admins' login names (docs/DOMAIN.md §1): the answer
 * carries `code` only for organisations inside the caller's own subtree, null elsewhere — a
 * transfer's target is picked by its id.
 */
export const OrgSearchItem = Type.Object({
  org: Type.Object({ id: Type.Integer(), code: Nullable(Type.String()), name: Type.String(), type: keysOf(ORG_TYPES) }),
  parentName: Nullable(Type.String()),
})
export type OrgSearchItem = Static<typeof OrgSearchItem>
