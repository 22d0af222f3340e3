/**
 * The browser-facing login hosts: in-client OAuth (open.weixin.qq.com/connect/oauth2/authorize,
 * docs/WECOM.md §2) and the web login (login.work.weixin.qq.com/wwlogin/sso/login, and the old
 * open.work.weixin.qq.com/wwopen/sso/qrConnect, §3). They validate the request like WeCom,
 * learn who the user is from `sim_user` (query, then cookie) or show the user picker, and
 * 302 to `redirect_uri` with a fresh code.
 */
import type { SimAgent } from './model'
import { html, redirect, type SimRequest, type SimResponse } from './http-kit'
import { userPickerPage, wecomMessagePage, type PickerEntry } from './pages'
import type { OAuthScope, SimulatorState } from './state'

const STATE_PATTERN = /^[a-zA-Z0-9]{0,128}$/
/** `wxwork/<version>` marks the WeCom client (docs/WECOM.md §6.2). */
const WECOM_UA = /wxwork\//i

type Via = 'oauth' | 'weblogin'

interface LoginRequest {
  agent: SimAgent | null
  scope: OAuthScope
  redirectUri: string
  redirectHost: string
  state: string
}

/** `redirect_uri?code=…&state=…`, appended to an existing query, before any fragment (docs/WECOM.md §2.1). */
export function appendCodeAndState(redirectUri: string, code: string | null, state: string): string {
  const hashAt = redirectUri.indexOf('#')
  const base = hashAt === -1 ? redirectUri : redirectUri.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : redirectUri.slice(hashAt)
  const params = (code === null ? '' : `code=${encodeURIComponent(code)}&`) + `state=${encodeURIComponent(state)}`
  return `${base}${base.includes('?') ? '&' : '?'}${params}${hash}`
}

function redirectHostOf(raw: string | null): { uri: string; host: string } | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return { uri: raw, host: url.host }
  } catch {
    return null
  }
}

function parseLoginRequest(req: SimRequest, sim: SimulatorState, via: Via): LoginRequest | SimResponse {
  const q = req.query
  if (q.get('appid') !== sim.corpId) return html(wecomMessagePage('appid参数错误'))
  const agentParam = q.get('agentid')
  const agent = agentParam ? sim.agent(agentParam) : undefined
  if (agentParam && !agent) return html(wecomMessagePage('agentid参数错误'))
  let scope: OAuthScope = 'snsapi_base'
  if (via === 'oauth') {
    if (q.get('response_type') !== 'code') return html(wecomMessagePage('response_type参数错误'))
    const s = q.get('scope')
    if (s !== 'snsapi_base' && s !== 'snsapi_privateinfo') return html(wecomMessagePage('scope参数错误'))
    // "scope为snsapi_privateinfo时，必须填agentid参数，否则系统会视为snsapi_base" (docs/WECOM.md §2.1)
    scope = s === 'snsapi_privateinfo' && agent ? s : 'snsapi_base'
  } else if (!agent) {
    return html(wecomMessagePage('agentid参数错误', 'CorpApp 登录必须带 agentid'))
  }
  const state = q.get('state') ?? ''
  if (!STATE_PATTERN.test(state)) return html(wecomMessagePage('state参数错误', 'state 只能是 a-zA-Z0-9，最长 128 字节'))
  const redirectTo = redirectHostOf(q.get('redirect_uri'))
  // The host (with port) must equal a configured domain exactly; no wildcards (docs/WECOM.md §1).
  const candidates = agent ? [agent] : [...sim.agents.values()]
  const trusted = candidates.some((a) => (via === 'oauth' ? a.trustedDomains : a.webLoginDomains).includes(redirectTo?.host ?? ''))
  if (!redirectTo || !trusted) return html(wecomMessagePage('redirect_uri参数错误', '回调地址的域名与应用配置的可信域名不一致'))
  return { agent: agent ?? null, scope, redirectUri: redirectTo.uri, redirectHost: redirectTo.host, state }
}

function pickerEntries(req: SimRequest, sim: SimulatorState) {
  const hrefFor = (simUser: string) => {
    const q = new URLSearchParams(req.query)
    q.set('sim_user', simUser)
    return `${req.path}?${q}`
  }
  const members: PickerEntry[] = [...sim.users.values()].map((u) => ({
    simUser: u.userid,
    name: u.name,
    org: u.org ? `${u.org} · ${u.userid}` : u.userid,
    href: hrefFor(u.userid),
  }))
  const outsiders: PickerEntry[] = [...sim.nonMemberOpenIds].map((openid) => ({
    simUser: openid,
    name: '企业外人员',
    org: `openid ${openid}`,
    href: hrefFor(openid),
  }))
  const deny = new URLSearchParams(req.query)
  deny.delete('sim_user')
  deny.set('sim_deny', '1')
  return { members, outsiders, cancelHref: `${req.path}?${deny}` }
}

function completeLogin(req: SimRequest, sim: SimulatorState, login: LoginRequest, via: Via): SimResponse {
  // "若用户禁止授权，则重定向后不会带上code参数，仅会带上state参数" (docs/WECOM.md §3.2)
  if (req.query.get('sim_deny') === '1') return redirect(appendCodeAndState(login.redirectUri, null, login.state))
  const simUser = req.query.get('sim_user') || req.cookies.sim_user
  const subject = simUser ? sim.subjectFor(simUser) : undefined
  if (!subject) {
    return html(
      userPickerPage({
        appName: login.agent?.name ?? '应用',
        corpName: sim.corpName,
        mode: via === 'oauth' ? 'in-client' : 'web-login',
        unknownUser: simUser || undefined,
        ...pickerEntries(req, sim),
      }),
    )
  }
  // privateinfo needs the member inside the visible scope; the web login refuses members
  // outside it at scan time (docs/WECOM.md §2.1, §3.2 "扫码时会提示无权限").
  const needsScope = via === 'weblogin' || login.scope === 'snsapi_privateinfo'
  if (needsScope && 'userid' in subject && login.agent && !sim.isVisible(login.agent, subject.userid)) {
    return html(wecomMessagePage('你没有该应用的使用权限', '请联系企业管理员将你加入应用的可见范围'))
  }
  const code = sim.issueCode({
    agentId: login.agent?.agentId ?? null,
    scope: login.scope,
    subject,
    redirectHost: login.redirectHost,
    via,
  })
  return redirect(appendCodeAndState(login.redirectUri, code, login.state))
}

/** GET /connect/oauth2/authorize — in-client OAuth (docs/WECOM.md §2, §11.1). */
export function authorize(req: SimRequest, sim: SimulatorState): SimResponse {
  // A normal browser gets WeCom's page instead of a redirect (docs/WECOM.md §2.3).
  if (!WECOM_UA.test(req.headers['user-agent'] ?? '')) return html(wecomMessagePage('请在企业微信客户端打开链接'))
  const login = parseLoginRequest(req, sim, 'oauth')
  return 'status' in login ? login : completeLogin(req, sim, login, 'oauth')
}

/** GET /wwlogin/sso/login (new) and /wwopen/sso/qrConnect (old) — web login (docs/WECOM.md §3). */
export function webLogin(req: SimRequest, sim: SimulatorState, flavour: 'wwlogin' | 'qrconnect'): SimResponse {
  if (flavour === 'wwlogin' && req.query.get('login_type') !== 'CorpApp') {
    return html(wecomMessagePage('login_type参数错误', '企业自建应用请使用 login_type=CorpApp'))
  }
  const login = parseLoginRequest(req, sim, 'weblogin')
  return 'status' in login ? login : completeLogin(req, sim, login, 'weblogin')
}
