/**
 * PC password login (docs/CONTRACT.md `POST /auth/password`): 组织账号 code or 运营者 mobile.
 * Not through `request`: its failure is a 401 (LOGIN_FAILED) that must show on the login form,
 * not send the browser to login again. Not under /api, so no CSRF header (no session yet).
 */
import { ERRORS } from '@shared/errors'
import { ApiError, NETWORK_MESSAGE } from './http'

export async function passwordLogin(account: string, password: string): Promise<void> {
  let res: Response
  try {
    res = await fetch('/auth/password', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ account, password }),
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE)
  }
  if (res.ok) return
  let body: { code?: unknown; message?: unknown } | undefined
  try {
    body = (await res.json()) as typeof body
  } catch {
    body = undefined
  }
  const code = typeof body?.code === 'string' ? body.code : `HTTP_${res.status}`
  const fallback = res.status === 429 ? ERRORS.RATE_LIMITED.message : res.status === 401 ? ERRORS.LOGIN_FAILED.message : ERRORS.INTERNAL.message
  throw new ApiError(res.status, code, typeof body?.message === 'string' && body.message ? body.message : fallback)
}

/** 企业微信扫码登录: the BFF sends a desktop browser to WeCom's web login, then back here. */
export const wecomLoginUrl = (next = '/pc/') => `/auth/login?next=${encodeURIComponent(next)}`

/**
 * Whether a session is live (`GET /auth/session`, 200 either way). The workbench asks before
 * loading /api/me, so a visitor who is not signed in reaches the login page without a 401.
 * On a network failure it answers true: /api/me then shows the error with 重新加载.
 */
export async function hasSession(): Promise<boolean> {
  try {
    const res = await fetch('/auth/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    return !res.ok || ((await res.json()) as { signedIn?: unknown }).signedIn !== false
  } catch {
    return true
  }
}
