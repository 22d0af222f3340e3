import { Type, type Static } from 'typebox'
import { keysOf, Nullable } from './common'
import { ACCOUNT_KINDS } from '../organizations'
import { PASSWORD_MIN } from '../limits'


export const AccountItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: keysOf(ACCOUNT_KINDS),
  mobileMasked: Nullable(Type.String()),
  wecomUserId: Nullable(Type.String()),
  active: Type.Boolean(),
  hasPassword: Type.Boolean(),
  /** Installation-wide rights (docs/DOMAIN.md §1 "Root admin"). */
  rootAdmin: Type.Boolean(),
})
export type AccountItem = Static<typeof AccountItem>

export const CreateAccountBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  kind: Type.Enum(['operator', 'viewer']),
  mobile: Type.String({ pattern: '^1[3-9]\\d{9}$' }),
  wecomUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' })),
})
export type CreateAccountBody = Static<typeof CreateAccountBody>

export const UpdateAccountBody = Type.Object({
  kind: Type.Optional(Type.Enum(['operator', 'viewer'])),
  active: Type.Optional(Type.Boolean()),
})
export type UpdateAccountBody = Static<typeof UpdateAccountBody>

export const TemporaryPassword = Type.Object({ account: AccountItem, temporaryPassword: Type.String() })

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ maxLength: 128 }),
  newPassword: Type.String({ minLength: PASSWORD_MIN, maxLength: 128 }),
})
