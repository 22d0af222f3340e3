/**
 * Everything the simulated WeCom remembers (docs/WECOM.md §11.1 "State"): access tokens, OAuth
 * codes, user tickets, JS-SDK tickets (tickets.ts), captured messages, call counts, and the
 * faults a test asked for (faults.ts). The HTTP layers (browser-routes, api-routes, control-routes) only translate
 * requests into calls on this object.
 */
import { randomBytes } from 'node:crypto'
import { SimClock } from './clock'
import { SimApiError } from './errcodes'
import { RateWindows } from './rate-window'
import { FaultPlan } from './faults'
import { JsapiTickets } from './tickets'
import {
  agentFromOptions,
  userFromOptions,
  type SimAgent,
  type SimAgentOptions,
  type SimUser,
  type SimulatorOptions,
} from './model'

/** Lifetimes from docs/WECOM.md §2.2 (code 5 min), §4.1 (token 7200 s), §4.2 (user_ticket 1800 s). */
const CODE_TTL_MS = 300_000
const TOKEN_TTL_MS = 7_200_000
const USER_TICKET_TTL_MS = 1_800_000

/** Per member per app per minute; excess is dropped silently (docs/WECOM.md §7). */
export const MESSAGES_PER_MEMBER_PER_MINUTE = 30

export type Subject = { userid: string } | { openid: string }
export type OAuthScope = 'snsapi_base' | 'snsapi_privateinfo'

interface TokenRecord {
  token: string
  agentId: string
  expiresAt: number
}

export interface CodeRecord {
  /** null when the authorize URL carried no agentid (docs/WECOM.md §2.1): any app trusting the host may consume it. */
  agentId: string | null
  scope: OAuthScope
  subject: Subject
  redirectHost: string
  via: 'oauth' | 'weblogin'
  issuedAt: number
  used: boolean
}

interface UserTicketRecord {
  userid: string
  agentId: string
  expiresAt: number
}

export interface SentMessage {
  at: number
  agentId: string
  payload: Record<string, unknown>
  /** Members the message reached. */
  delivered: string[]
  /** Valid members over the 30/min limit: silently not delivered. */
  dropped: string[]
  invaliduser: string[]
  invalidparty: string[]
  invalidtag: string[]
  msgid: string
}

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url')

export class SimulatorState {
  readonly clock: SimClock
  readonly corpId: string
  readonly corpName: string
  readonly hideSensitiveFields: boolean
  agents = new Map<string, SimAgent>()
  /** Keyed by lower-cased userid: WeCom userids are case-insensitive (docs/WECOM.md §4.4). */
  users = new Map<string, SimUser>()
  nonMemberOpenIds = new Set<string>()
  allowedIps: Set<string> | null
  blockedIps = new Set<string>()

  private tokens = new Map<string, TokenRecord>()
  private currentTokenOf = new Map<string, string>()
  private codes = new Map<string, CodeRecord>()
  private userTickets = new Map<string, UserTicketRecord>()
  private windows = new RateWindows()
  messages: SentMessage[] = []
  calls = new Map<string, number>()
  /** Errors and delays a test asked for (faults.ts). */
  readonly faults = new FaultPlan()
  /** JS-SDK tickets and their hourly limits (tickets.ts). */
  readonly tickets: JsapiTickets

  constructor(private readonly options: SimulatorOptions) {
    this.clock = new SimClock(options.clock)
    this.corpId = options.corpId
    this.corpName = options.corpName ?? '本地模拟企业'
    this.hideSensitiveFields = options.hideSensitiveFields ?? true
    this.allowedIps = options.allowedIps ? new Set(options.allowedIps) : null
    this.tickets = new JsapiTickets(this.windows, () => this.now())
    this.reset()
  }

  /** Back to the configured corp: no tokens, codes, messages, faults; clock offset 0. */
  reset(): void {
    this.agents = new Map(this.options.agents.map((a) => [String(a.agentId), agentFromOptions(a, this.options.users)]))
    this.users = new Map(this.options.users.map((u) => [u.userid.toLowerCase(), userFromOptions(u)]))
    this.nonMemberOpenIds = new Set(this.options.nonMemberOpenIds ?? [])
    this.allowedIps = this.options.allowedIps ? new Set(this.options.allowedIps) : null
    this.blockedIps.clear()
    this.tokens.clear()
    this.currentTokenOf.clear()
    this.codes.clear()
    this.userTickets.clear()
    this.tickets.clear()
    this.windows.clear()
    this.messages = []
    this.calls.clear()
    this.faults.clear()
    this.clock.reset()
  }

  now(): number {
    return this.clock.now()
  }

  // ---- corp lookups -------------------------------------------------------------------

  agent(agentId: string | number): SimAgent | undefined {
    return this.agents.get(String(agentId))
  }

  user(userid: string): SimUser | undefined {
    return this.users.get(userid.toLowerCase())
  }

  isVisible(agent: SimAgent, userid: string): boolean {
    return agent.visibleUserIds.has(userid.toLowerCase())
  }

  /** A `sim_user` value → who that is; undefined for an unknown name. */
  subjectFor(simUser: string): Subject | undefined {
    const member = this.user(simUser)
    if (member) return { userid: member.userid }
    if (this.nonMemberOpenIds.has(simUser)) return { openid: simUser }
    return undefined
  }

  ipAllowed(ip: string): boolean {
    if (this.blockedIps.has(ip)) return false
    return !this.allowedIps || this.allowedIps.has(ip)
  }

  // ---- access tokens (docs/WECOM.md §4.1) --------------------------------------------------

  /**
   * One live token per app; asking again before expiry returns the same token (the older
   * doc's "有效期内重复获取返回相同结果"), with the seconds it still has to live.
   */
  issueToken(agent: SimAgent): { token: string; expiresIn: number } {
    const now = this.now()
    const current = this.currentTokenOf.get(agent.agentId)
    const record = current ? this.tokens.get(current) : undefined
    if (record && record.expiresAt > now) {
      return { token: record.token, expiresIn: Math.ceil((record.expiresAt - now) / 1000) }
    }
    const token = randomId(48)
    this.tokens.set(token, { token, agentId: agent.agentId, expiresAt: now + TOKEN_TTL_MS })
    this.currentTokenOf.set(agent.agentId, token)
    return { token, expiresIn: TOKEN_TTL_MS / 1000 }
  }

  /** The app a token belongs to, or the errcode a real server would answer (docs/WECOM.md §11.1 step 3). */
  authenticate(token: string | null): SimAgent {
    if (!token) throw new SimApiError(41001)
    const record = this.tokens.get(token)
    if (!record) throw new SimApiError(40014)
    if (record.expiresAt <= this.now()) throw new SimApiError(42001)
    const agent = this.agents.get(record.agentId)
    if (!agent) throw new SimApiError(40014)
    if (!agent.enabled) throw new SimApiError(50003)
    return agent
  }

  /** Early invalidation "出于运营需要" (docs/WECOM.md §4.1): every token now answers 42001. */
  expireAllTokens(): number {
    const now = this.now()
    let n = 0
    for (const record of this.tokens.values()) {
      if (record.expiresAt > now) n++
      record.expiresAt = Math.min(record.expiresAt, now)
    }
    return n
  }

  /** Forget a token (→ 40014); without an argument, every app's current token. */
  revokeToken(token?: string): string[] {
    const victims = token ? [token] : [...this.currentTokenOf.values()]
    for (const t of victims) {
      const record = this.tokens.get(t)
      this.tokens.delete(t)
      if (record && this.currentTokenOf.get(record.agentId) === t) this.currentTokenOf.delete(record.agentId)
    }
    return victims
  }

  liveTokens(): { token: string; agentId: string; expiresAt: number }[] {
    const now = this.now()
    return [...this.tokens.values()].filter((r) => r.expiresAt > now).map((r) => ({ ...r }))
  }

  // ---- OAuth codes (docs/WECOM.md §2.2, §4.2) ----------------------------------------------

  issueCode(input: Omit<CodeRecord, 'issuedAt' | 'used'>): string {
    const code = randomId(32)
    this.codes.set(code, { ...input, issuedAt: this.now(), used: false })
    return code
  }

  /**
   * auth/getuserinfo's code check: unknown, used or older than 5 min → 40029; issued for
   * another app, or for a redirect host the token's app does not trust → 50001. The code is
   * marked used before the answer goes out, as the real server does.
   */
  consumeCode(code: string, tokenAgent: SimAgent): CodeRecord {
    const record = this.codes.get(code)
    if (!record || record.used || this.now() - record.issuedAt >= CODE_TTL_MS) throw new SimApiError(40029)
    const domains = record.via === 'oauth' ? tokenAgent.trustedDomains : tokenAgent.webLoginDomains
    if ((record.agentId !== null && record.agentId !== tokenAgent.agentId) || !domains.includes(record.redirectHost)) {
      throw new SimApiError(50001)
    }
    record.used = true
    return record
  }

  issueUserTicket(userid: string, agentId: string): { ticket: string; expiresIn: number } {
    const ticket = randomId(48)
    this.userTickets.set(ticket, { userid, agentId, expiresAt: this.now() + USER_TICKET_TTL_MS })
    return { ticket, expiresIn: USER_TICKET_TTL_MS / 1000 }
  }

  /** auth/getuserdetail's ticket check (docs/WECOM.md §4.3, §11.1 step 5). */
  redeemUserTicket(ticket: string | undefined): UserTicketRecord {
    if (!ticket) throw new SimApiError(84090)
    const record = this.userTickets.get(ticket)
    if (!record) throw new SimApiError(84015)
    if (record.expiresAt <= this.now()) throw new SimApiError(84014)
    return record
  }

  // ---- messages (docs/WECOM.md §7) -----------------------------------------------------------

  /** True when the member may still receive a message this minute; records the delivery. */
  deliverTo(agentId: string, userid: string): boolean {
    return this.windows.tryHit(`msg:${agentId}:${userid}`, this.now(), 60_000, MESSAGES_PER_MEMBER_PER_MINUTE)
  }

  // ---- call counts ---------------------------------------------------------

  countCall(api: string): void {
    this.calls.set(api, (this.calls.get(api) ?? 0) + 1)
  }

  // ---- admin-side changes ---------------------------------------------------------------

  private requireAgent(agentId: string | number): SimAgent {
    const agent = this.agent(agentId)
    if (!agent) throw new Error(`unknown agent ${agentId}`)
    return agent
  }

  /** 重置Secret: the old secret now answers 40001. Existing tokens keep working unless revoked. */
  rotateSecret(agentId: string | number, secret = randomId(32), revokeTokens = false): string {
    const agent = this.requireAgent(agentId)
    agent.secret = secret
    if (revokeTokens) {
      for (const r of [...this.tokens.values()]) if (r.agentId === agent.agentId) this.revokeToken(r.token)
    }
    return secret
  }

  setAgentEnabled(agentId: string | number, enabled: boolean): void {
    this.requireAgent(agentId).enabled = enabled
  }

  updateAgent(
    agentId: string | number,
    change: Partial<Pick<SimAgentOptions, 'trustedDomains' | 'webLoginDomains' | 'visibleUserIds'>>,
  ): void {
    const agent = this.requireAgent(agentId)
    if (change.trustedDomains) agent.trustedDomains = [...change.trustedDomains]
    if (change.webLoginDomains) agent.webLoginDomains = [...change.webLoginDomains]
    if (change.visibleUserIds) agent.visibleUserIds = new Set(change.visibleUserIds.map((id) => id.toLowerCase()))
  }
}
