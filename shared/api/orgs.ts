import { Type, type Static } from 'typebox'
import { OrgRef, Nullable, keysOf } from './common'
import { ORG_TYPES } from '../organizations'

export const OrgSearchQuery = Type.Object({
  /** Beginning of the name, or a code; may be empty only with `within=self`. */
  q: Type.Optional(Type.String({ maxLength: 50 })),
  type: Type.Optional(keysOf(ORG_TYPES)),
  /** `self`: only this organisation's subtree (分配 by a 团委, docs/DOMAIN.md §5a). */
  within: Type.Optional(Type.Literal('self')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})
export const OrgSearchItem = Type.Object({ org: OrgRef, parentName: Nullable(Type.String()) })
export type OrgSearchItem = Static<typeof OrgSearchItem>
