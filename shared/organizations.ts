/** Organisation types and account kinds. docs/DOMAIN.md §1. */

export const ORG_TYPES = {
  leading: '领导机关团组织',
  committee: '团委',
  working_committee: '团工委',
  general_branch: '团总支',
  branch: '团支部',
  external: '省外组织',
} as const
export type OrgType = keyof typeof ORG_TYPES

/** The code of the pseudo-organisation that receives members who move out of the province. */
export const EXTERNAL_ORG_CODE = 'external'
export const EXTERNAL_ORG_NAME = '省外组织（非共青团广东省委所辖的团组织）'

export const ACCOUNT_KINDS = {
  admin: '组织账号',
  operator: '运营者',
  viewer: '团干',
} as const
export type AccountKind = keyof typeof ACCOUNT_KINDS

/** Viewers read only; admins and operators decide for their own organisation. */
export function canDecide(kind: AccountKind): boolean {
  return kind === 'admin' || kind === 'operator'
}

export const CHANNELS = { mobile: '移动端', pc: 'PC端', integration: '团员端', system: '系统' } as const
export type Channel = keyof typeof CHANNELS
