import { Type, type Static } from 'typebox'
import { AccountRef, OrgRef, Nullable } from './common'

export const Me = Type.Object({
  account: AccountRef,
  org: OrgRef,
  csrfToken: Type.String(),
  pcSiteUrl: Type.String(),
  /** Present when WeCom is configured (real or simulator): what `ww.register` needs. */
  wecom: Nullable(Type.Object({ corpId: Type.String(), agentId: Type.String() })),
  notificationsEnabled: Type.Boolean(),
  /** May read GET /api/background (the root organisation's admin); the PC shows 后台任务 only then. */
  seesBackground: Type.Boolean(),
})
export type Me = Static<typeof Me>

export const Dashboard = Type.Object({
  profileReviews: Type.Object({ pending: Type.Integer() }),
  transfers: Type.Object({ pending: Type.Integer(), overdue: Type.Integer() }),
  /** 待分配 of a 团委: 毕业 transfers to place in a 团支部 (docs/DOMAIN.md §5a). */
  allocations: Type.Object({ pending: Type.Integer(), overdue: Type.Integer() }),
})
export type Dashboard = Static<typeof Dashboard>

export const JssdkSignatureQuery = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2048 }),
  type: Type.Optional(Type.Union([Type.Literal('corp'), Type.Literal('agent')])),
})
export const JssdkSignature = Type.Object({
  corpId: Type.String(),
  agentId: Type.String(),
  timestamp: Type.Integer(),
  nonceStr: Type.String(),
  signature: Type.String(),
})
export type JssdkSignature = Static<typeof JssdkSignature>
