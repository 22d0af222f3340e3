/**
 * Pure parts of the WeCom login (docs/CONTRACT.md "Login", docs/WECOM.md §2, §3, §12): which login
 * URL a browser gets, the channel a session is recorded under, the `next` path that may be
 * followed, and the state cookie that binds the OAuth `state` to this browser.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const LOGIN_STATE_COOKIE = 'wecom_login'
/** Only the callback needs the cookie. */
export const LOGIN_STATE_COOKIE_PATH = '/auth/wecom'
export const LOGIN_STATE_TTL_MS = 600_000
export const CALLBACK_PATH = '/auth/wecom/callback'
/** WeCom codes are at most 512 bytes (docs/WECOM.md §2.1). */
export const MAX_CODE_LENGTH = 512

/** The WeCom client marks itself with `wxwork/<version>`; its UA also says MicroMessenger, so test this first (docs/WECOM.md §6.2). */
export function isWeComUserAgent(ua: string | undefined): boolean {
  return /wxwork/i.test(ua ?? '')
}

/**
 * Phone or tablet. The desktop WeCom clients say WindowsWechat / MacWechat (docs/WECOM.md §6.2;
 * the Mac string is UNCONFIRMED there), so they are excluded before looking for mobile markers.
 */
export function isMobileUserAgent(ua: string | undefined): boolean {
  const text = ua ?? ''
  if (/WindowsWechat|MacWechat/i.test(text)) return false
  return /Android|iPhone|iPad|iPod|HarmonyOS|Mobile/i.test(text)
}

/** `mobile` only inside WeCom on a phone; every other way in is the PC workbench's. */
export function loginChannel(ua: string | undefined): 'mobile' | 'pc' {
  return isWeComUserAgent(ua) && isMobileUserAgent(ua) ? 'mobile' : 'pc'
}

/**
 * `next` only as a path on this site: one leading `/`, no `//` (protocol-relative), no
 * backslash (browsers read `/\evil.com` as `//evil.com`), no control characters or
 * whitespace (browsers drop tab/newline, turning `/\t/evil.com` into `//evil.com`), no
 * scheme, and not back into `/auth/` (a loop). Anything else → `/`.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/'
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/auth/')) return '/'
  if (/[\\\s\u0000-\u001f\u007f]/.test(next)) return '/'
  try {
    if (new URL(next, 'http://same-origin.invalid').origin !== 'http://same-origin.invalid') return '/'
  } catch {
    return '/'
  }
  return next
}

const STATE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** WeCom accepts only `[a-zA-Z0-9]`, ≤128 bytes (docs/WECOM.md §2.1, errcode 84025). */
const STATE_PATTERN = /^[A-Za-z0-9]{16,128}$/

/** 32 characters from [A-Za-z0-9], without modulo bias (bytes ≥ 248 are redrawn). */
export function newLoginState(length = 32): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += STATE_ALPHABET[byte % 62]
    }
  }
  return out
}

export interface LoginUrlInput {
  corpId: string
  agentId: string
  redirectUri: string
  state: string
}

/** In-client OAuth, parameters in the documented order (docs/WECOM.md §2.1; docs/CONTRACT.md "Login"). */
export function buildAuthorizeUrl(oauthBase: string, input: LoginUrlInput): string {
  return (
    `${oauthBase.replace(/\/+$/, '')}/connect/oauth2/authorize?appid=${encodeURIComponent(input.corpId)}` +
    `&redirect_uri=${encodeURIComponent(input.redirectUri)}&response_type=code&scope=snsapi_base` +
    `&state=${input.state}&agentid=${encodeURIComponent(input.agentId)}#wechat_redirect`
  )
}

/** Web login for browsers outside WeCom (docs/WECOM.md §3.1; docs/CONTRACT.md "Login"). */
export function buildWebLoginUrl(loginBase: string, input: LoginUrlInput): string {
  return (
    `${loginBase.replace(/\/+$/, '')}/wwlogin/sso/login?login_type=CorpApp&appid=${encodeURIComponent(input.corpId)}` +
    `&agentid=${encodeURIComponent(input.agentId)}&redirect_uri=${encodeURIComponent(input.redirectUri)}&state=${input.state}`
  )
}

export function callbackUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`
}

export interface LoginState {
  state: string
  next: string
  /** Set once a callback consumed this state: a reload then says the login expired. */
  used?: boolean
}

function mac(payload: string, secret: string): Buffer {
  // Domain-separated, so this key use can never collide with another HMAC of the same secret.
  return createHmac('sha256', secret).update(`wecom-login-state\n${payload}`).digest()
}

/** `base64url(json).base64url(hmac)`; the expiry travels inside the signed part. */
export function sealLoginState(value: LoginState, secret: string, nowMs: number): string {
  const payload = Buffer.from(JSON.stringify({ s: value.state, n: value.next, e: nowMs + LOGIN_STATE_TTL_MS, u: value.used ? 1 : 0 })).toString('base64url')
  return `${payload}.${mac(payload, secret).toString('base64url')}`
}

/** The sealed state if the cookie is ours, untampered and younger than 10 minutes; else null. */
export function openLoginState(cookie: string | undefined, secret: string, nowMs: number): LoginState | null {
  if (!cookie || cookie.length > 4096) return null
  const dot = cookie.indexOf('.')
  if (dot < 1) return null
  const payload = cookie.slice(0, dot)
  const given = Buffer.from(cookie.slice(dot + 1), 'base64url')
  const expected = mac(payload, secret)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s?: unknown; n?: unknown; e?: unknown; u?: unknown }
    if (typeof data.s !== 'string' || !STATE_PATTERN.test(data.s)) return null
    if (typeof data.e !== 'number' || data.e <= nowMs) return null
    return { state: data.s, next: safeNextPath(data.n), used: data.u === 1 }
  } catch {
    return null
  }
}

/** Constant-time string comparison for the returned `state`. */
export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
