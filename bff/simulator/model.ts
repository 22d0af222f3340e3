/**
 * The simulated corporation: its self-built apps (agents) and members, as configured by the
 * caller (tests, the demo). Mirrors docs/WECOM.md §11.1 "State" → `corp`.
 */
import type { MsClock } from './clock'

export interface SimAgentOptions {
  agentId: number | string
  secret: string
  /** 可信域名 for OAuth: host[:port], matched exactly (docs/WECOM.md §1). */
  trustedDomains: string[]
  /** Web-login 授权回调域 (docs/WECOM.md §1, §3); defaults to `trustedDomains`. */
  webLoginDomains?: string[]
  /** 可见范围; defaults to every configured user. */
  visibleUserIds?: string[]
  /** Shown on the simulated login pages. */
  name?: string
}

export interface SimUserOptions {
  userid: string
  name: string
  mobile?: string
  email?: string
  gender?: '0' | '1' | '2'
  department?: number[]
  position?: string
  /** 1 已激活 / 2 已禁用 / 4 未激活 / 5 退出企业 (docs/WECOM.md §4.4). */
  status?: 1 | 2 | 4 | 5
  /** Organisation label shown on the user-picker page (the demo passes the cadre's 团组织). */
  org?: string
}

export interface SimulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number
  /** Loopback by default: the simulator is never meant to face a network. */
  host?: string
  corpId: string
  corpName?: string
  agents: SimAgentOptions[]
  users: SimUserOptions[]
  /** People who are not members; authorizing as one yields an `openid` (docs/WECOM.md §4.2 b). */
  nonMemberOpenIds?: string[]
  clock?: MsClock
  /** 企业可信IP: when set, token-bearing calls from other IPs answer 60020 (docs/WECOM.md §1). */
  allowedIps?: string[]
  /**
   * Apps created after 2022-06-20 no longer get mobile/email/avatar… from user/get
   * (docs/WECOM.md §1 "Sensitive fields"). Default true, as for any new app.
   */
  hideSensitiveFields?: boolean
}

export interface SimAgent {
  agentId: string
  name: string
  secret: string
  trustedDomains: string[]
  webLoginDomains: string[]
  visibleUserIds: Set<string>
  enabled: boolean
}

export interface SimUser extends Required<Omit<SimUserOptions, 'org' | 'mobile' | 'email'>> {
  mobile: string
  email: string
  org: string
}

export function agentFromOptions(a: SimAgentOptions, users: SimUserOptions[]): SimAgent {
  return {
    agentId: String(a.agentId),
    name: a.name ?? '团务审核',
    secret: a.secret,
    trustedDomains: [...a.trustedDomains],
    webLoginDomains: [...(a.webLoginDomains ?? a.trustedDomains)],
    visibleUserIds: new Set((a.visibleUserIds ?? users.map((u) => u.userid)).map((id) => id.toLowerCase())),
    enabled: true,
  }
}

export function userFromOptions(u: SimUserOptions): SimUser {
  return {
    userid: u.userid,
    name: u.name,
    mobile: u.mobile ?? '',
    email: u.email ?? '',
    gender: u.gender ?? '0',
    department: u.department ?? [1],
    position: u.position ?? '',
    status: u.status ?? 1,
    org: u.org ?? '',
  }
}
