/**
 * Test controls (docs/WECOM.md §11.1 "Fault injection"): the same operations in-process (this
 * object) and over HTTP under `/__sim/*` (control-routes.ts), so a Vitest suite and a browser
 * e2e run drive the simulator alike.
 */
import { appendCodeAndState } from './browser-routes'
import type { SimAgentOptions } from './model'
import type { OAuthScope, SentMessage, SimulatorState, Subject } from './state'

interface IssueCodeInput {
  /** Omit for a code minted without agentid. */
  agentId?: string | number
  userid?: string
  openid?: string
  redirectUri: string
  scope?: OAuthScope
  via?: 'oauth' | 'weblogin'
}

export interface SimulatorControl {
  reset(): void
  /** Every token now answers 42001 (WeCom's early invalidation). Returns how many were live. */
  expireAllTokens(): number
  /** Forget a token (→ 40014); without an argument every app's current token. */
  revokeToken(token?: string): string[]
  liveTokens(): { token: string; agentId: string; expiresAt: number }[]
  /** The next `count` API calls (of `api`, e.g. `auth/getuserinfo`, or any) answer `errcode` (default -1). */
  failNext(count: number, opts?: { errcode?: number; api?: string }): void
  /** The next `count` API calls answer HTTP `status` (default 500) with nginx's error page. */
  httpErrorNext(count: number, opts?: { status?: number; api?: string }): void
  /** Hold answers for `ms` (the next `count` calls, default all). */
  slowDown(ms: number, opts?: { count?: number; api?: string }): void
  clearFaults(): void
  /** Caller IP no longer 企业可信IP → 60020. */
  blockIp(ip: string): void
  unblockIp(ip: string): void
  /** 重置Secret → the old one answers 40001. Returns the new secret. */
  rotateSecret(agentId: string | number, secret?: string, opts?: { revokeTokens?: boolean }): string
  disableApp(agentId: string | number): void
  enableApp(agentId: string | number): void
  updateAgent(agentId: string | number, change: Partial<Pick<SimAgentOptions, 'trustedDomains' | 'webLoginDomains' | 'visibleUserIds'>>): void
  /** Move the simulator clock forward; returns the new time (ms). */
  advanceClock(ms: number): number
  now(): number
  messages(): SentMessage[]
  /** Calls per API since the last reset, e.g. `{ gettoken: 1, 'auth/getuserinfo': 2 }`. */
  callCounts(): Record<string, number>
  callCount(api: string): number
  /** Mint a code as if the user had just authorized; returns the code. */
  issueCode(input: IssueCodeInput): string
  /** Where a browser would land after authorizing with that code. */
  callbackUrlFor(input: IssueCodeInput & { state: string }): string
  tickets(): { corp: string | null; agents: Record<string, string> }
}

export function createControl(sim: SimulatorState): SimulatorControl {
  const issueCode = (input: IssueCodeInput): string => {
    const subject: Subject | undefined = input.userid ? { userid: input.userid } : input.openid ? { openid: input.openid } : undefined
    if (!subject) throw new Error('issueCode needs userid or openid')
    return sim.issueCode({
      agentId: input.agentId === undefined ? null : String(input.agentId),
      scope: input.scope ?? 'snsapi_base',
      subject,
      redirectHost: new URL(input.redirectUri).host,
      via: input.via ?? 'oauth',
    })
  }
  return {
    reset: () => sim.reset(),
    expireAllTokens: () => sim.expireAllTokens(),
    revokeToken: (token) => sim.revokeToken(token),
    liveTokens: () => sim.liveTokens(),
    failNext: (count, opts = {}) => sim.faults.add({ kind: 'errcode', errcode: opts.errcode ?? -1, remaining: count, api: opts.api }),
    httpErrorNext: (count, opts = {}) => sim.faults.add({ kind: 'http', status: opts.status ?? 500, remaining: count, api: opts.api }),
    slowDown: (ms, opts = {}) => sim.faults.addDelay(ms, opts.count, opts.api),
    clearFaults: () => sim.faults.clear(),
    blockIp: (ip) => void sim.blockedIps.add(ip),
    unblockIp: (ip) => void sim.blockedIps.delete(ip),
    rotateSecret: (agentId, secret, opts = {}) => sim.rotateSecret(agentId, secret, opts.revokeTokens ?? false),
    disableApp: (agentId) => sim.setAgentEnabled(agentId, false),
    enableApp: (agentId) => sim.setAgentEnabled(agentId, true),
    updateAgent: (agentId, change) => sim.updateAgent(agentId, change),
    advanceClock: (ms) => {
      sim.clock.advance(ms)
      return sim.now()
    },
    now: () => sim.now(),
    messages: () => sim.messages.map((m) => ({ ...m })),
    callCounts: () => Object.fromEntries(sim.calls),
    callCount: (api) => sim.calls.get(api) ?? 0,
    issueCode,
    callbackUrlFor: (input) => appendCodeAndState(input.redirectUri, issueCode(input), input.state),
    tickets: () => sim.tickets.current(),
  }
}
