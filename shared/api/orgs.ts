import { Type, type Static } from 'typebox'
import { OrgRef, Nullable, keysOf } from './common'
import { ORG_TYPES } from '../organizations'

export const OrgSearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  type: Type.Optional(keysOf(ORG_TYPES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})
export const OrgSearchItem = Type.Object({ org: OrgRef, parentName: Nullable(Type.String()) })
export type OrgSearchItem = Static<typeof OrgSearchItem>
