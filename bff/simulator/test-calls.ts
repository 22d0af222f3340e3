/**
 * What the simulator's own tests send it: the JSON API under /cgi-bin (`api`, `post`, `token`),
 * browser pages without following redirects (`page`), and the queries of the two login flows
 * as the BFF builds them (docs/WECOM.md §2–§3).
 */
import type { TestSimulator } from './use-test-simulator'
import { TEST_CORP } from './test-corp'

export const WECOM_MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh'
export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'

type Json = Record<string, unknown> & { errcode: number; errmsg: string }

export function callsTo(sim: Pick<TestSimulator, 'url'>) {
  async function api(path: string, query: Record<string, string> = {}, init: RequestInit = {}) {
    const res = await fetch(`${sim.url}/cgi-bin/${path}?${new URLSearchParams(query)}`, init)
    const text = await res.text()
    return { status: res.status, headers: res.headers, text, body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as Json }
  }

  const post = (path: string, query: Record<string, string>, body: unknown) =>
    api(path, query, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } })

  async function token(secret: string = TEST_CORP.secret): Promise<string> {
    const { body } = await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: secret })
    return body.access_token as string
  }

  function page(path: string, query: Record<string, string>, ua = WECOM_MOBILE_UA, cookie?: string) {
    return fetch(`${sim.url}${path}?${new URLSearchParams(query)}`, {
      redirect: 'manual',
      headers: { 'user-agent': ua, ...(cookie ? { cookie } : {}) },
    })
  }

  return { api, post, token, page }
}

export const authorizeQuery = (extra: Record<string, string> = {}) => ({
  appid: TEST_CORP.corpId,
  redirect_uri: `${TEST_CORP.appOrigin}/auth/wecom/callback`,
  response_type: 'code',
  scope: 'snsapi_base',
  state: 'abcDEF123',
  agentid: TEST_CORP.agentId,
  ...extra,
})

export const webLoginQuery = (extra: Record<string, string> = {}) => ({
  login_type: 'CorpApp',
  appid: TEST_CORP.corpId,
  agentid: TEST_CORP.agentId,
  redirect_uri: `${TEST_CORP.appOrigin}/auth/wecom/callback`,
  state: 'xyz789',
  ...extra,
})

export const codeFrom = (location: string | null) => new URL(location ?? 'http://x/').searchParams.get('code') ?? ''
