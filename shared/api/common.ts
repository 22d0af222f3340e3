import { Type, type Static, type TSchema } from 'typebox'
import { PAGE_LIMIT_MAX } from '../limits'
import { ORG_TYPES, ACCOUNT_KINDS } from '../organizations'

/** A union of string literals from the keys of a vocabulary object (or a list of values). */
export function keysOf<T extends Record<string, unknown>>(vocab: T) {
  return Type.Enum(Object.keys(vocab) as (keyof T & string)[])
}
export function oneOf<const T extends readonly string[]>(values: T) {
  return Type.Enum(values as unknown as T[number][])
}

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) })

export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX })),
})

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
}
export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

export const OrgRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  type: keysOf(ORG_TYPES),
})
export type OrgRef = Static<typeof OrgRef>

export const AccountRef = Type.Object({ id: Type.Integer(), name: Type.String(), kind: keysOf(ACCOUNT_KINDS) })
export type AccountRef = Static<typeof AccountRef>

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  fields: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  pcUrl: Type.Optional(Type.String()),
})

export const Ok = Type.Object({ ok: Type.Literal(true) })
