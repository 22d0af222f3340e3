/**
 * The whole WeCom login over real HTTP: a browser (fetch with manual redirects and a cookie
 * jar) → this plugin in a small Fastify app → the simulator on 127.0.0.1 → back. The app's
 * public origin is http://app.test:8443 (the simulator's trusted domain); the test browser
 * maps it onto the port the app really listens on, as a reverse proxy would.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../clock'
import type { WecomSimulator } from '../simulator'
import { TEST_CORP, startTestSimulator } from '../simulator/test-corp'
import { createWecomClient, type WecomClient } from '../wecom/client'
import { wecomLoginRoutes } from './wecom-routes'

const UA = {
  wecomPhone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
}

const clock = manualClock('2026-11-20T02:00:00.000Z')
/** Accounts bound to WeCom userids; wangwu is a member without one. */
const ACCOUNTS: Record<string, number> = { zhangsan: 11, LiSi: 12 }
let sim: WecomSimulator
let app: FastifyInstance
let appUrl: string
let sessions: { accountId: number; channel: 'mobile' | 'pc' }[]

function wecomClient(apiBase = sim.url): WecomClient {
  return createWecomClient({
    apiBase,
    corpId: TEST_CORP.corpId,
    agents: { [TEST_CORP.agentId]: TEST_CORP.secret },
    timeoutMs: 2000,
    clock,
    logger: { warn: () => {}, error: () => {} },
    sleep: async () => {},
  })
}

async function startApp(wecom: WecomClient): Promise<void> {
  app = Fastify({ logger: false })
  await app.register(cookie)
  await app.register(wecomLoginRoutes, {
    config: {
      corpId: TEST_CORP.corpId,
      agentId: TEST_CORP.agentId,
      oauthBase: sim.url,
      loginBase: sim.url,
      publicBaseUrl: TEST_CORP.appOrigin,
      secureCookies: false,
      stateSecret: 'test-state-secret',
    },
    wecom,
    clock,
    findAccountByWecomUserId: async (userid) => (ACCOUNTS[userid] ? { id: ACCOUNTS[userid] } : null),
    startSession: async (_request, reply, accountId, channel) => {
      sessions.push({ accountId, channel })
      reply.setCookie('sid', `session-of-${accountId}`, { path: '/', httpOnly: true, sameSite: 'lax' })
    },
  })
  appUrl = await app.listen({ port: 0, host: '127.0.0.1' })
}

interface Answer {
  status: number
  location: string | null
  text: string
  setCookies: string[]
}

/** A browser: cookie jar per origin, one request at a time, redirects followed by the test. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>()
  constructor(private readonly ua: string) {}

  setCookie(origin: string, name: string, value: string) {
    const cookies = this.jar.get(origin) ?? new Map<string, string>()
    cookies.set(name, value)
    this.jar.set(origin, cookies)
  }

  cookie(origin: string, name: string) {
    return this.jar.get(origin)?.get(name)
  }

  async get(url: string): Promise<Answer> {
    const logical = new URL(url)
    const target = logical.origin === TEST_CORP.appOrigin ? new URL(logical.pathname + logical.search, appUrl) : logical
    const cookies = [...(this.jar.get(logical.origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(target, { redirect: 'manual', headers: { 'user-agent': this.ua, ...(cookies ? { cookie: cookies } : {}) } })
    const setCookies = res.headers.getSetCookie()
    for (const line of setCookies) {
      const [pair = ''] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const removed = /max-age=0|expires=thu, 01 jan 1970/i.test(line)
      if (removed) this.jar.get(logical.origin)?.delete(name)
      else this.setCookie(logical.origin, name, pair.slice(pair.indexOf('=') + 1))
    }
    const location = res.headers.get('location')
    return { status: res.status, location: location && new URL(location, logical).toString(), text: await res.text(), setCookies }
  }
}

/** /auth/login → WeCom → the callback URL WeCom sends the browser back to (not yet visited). */
async function untilCallback(browser: Browser, next: string): Promise<string> {
  const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=${encodeURIComponent(next)}`)
  expect(start.status).toBe(302)
  const atWecom = await browser.get(start.location ?? '')
  expect(atWecom.status).toBe(302)
  return atWecom.location ?? ''
}

async function login(browser: Browser, next = '/reviews/1'): Promise<Answer> {
  return browser.get(await untilCallback(browser, next))
}

const phoneAs = (simUser: string) => {
  const b = new Browser(UA.wecomPhone)
  // Inside WeCom the client knows who is logged in; the simulator reads that from sim_user.
  b.setCookie(sim.url, 'sim_user', simUser)
  return b
}

const withState = (callback: string, state: string) => {
  const url = new URL(callback)
  url.searchParams.set('state', state)
  return url.toString()
}

beforeAll(async () => {
  sim = await startTestSimulator({ now: () => clock.now().getTime() })
})
afterAll(() => sim.close())
beforeEach(async () => {
  sim.control.reset()
  sessions = []
  await startApp(wecomClient())
})
afterEach(() => app.close())

describe('the WeCom login refuses', () => {
  it('a callback whose state is not the one this browser was given (400)', async () => {
    const browser = phoneAs('zhangsan')
    const callback = await untilCallback(browser, '/reviews/1')
    const state = new URL(callback).searchParams.get('state') ?? ''
    const answer = await browser.get(withState(callback, `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`))
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('登录请求无效')
    expect(answer.text).toContain('href="/auth/login?next=%2Freviews%2F1"')
    expect(sessions).toEqual([])
  })

  it('a callback in a browser that never started the login (400)', async () => {
    const callback = await untilCallback(phoneAs('zhangsan'), '/')
    const answer = await phoneAs('zhangsan').get(callback)
    expect(answer.status).toBe(400)
    expect(sim.control.callCount('auth/getuserinfo')).toBe(0)
  })

  it('a code that was already used, with "登录已过期，请重新进入" and a way to log in again (401)', async () => {
    const browser = phoneAs('zhangsan')
    const first = await untilCallback(browser, '/reviews/1')
    expect((await browser.get(first)).status).toBe(302)
    const second = await untilCallback(browser, '/reviews/1')
    const replay = await browser.get(withState(first, new URL(second).searchParams.get('state') ?? ''))
    expect(replay.status).toBe(401)
    expect(replay.text).toContain('登录已过期，请重新进入')
    expect(replay.text).toContain('href="/auth/login?next=%2Freviews%2F1"')
    expect(sessions).toHaveLength(1)
  })

  it('a code older than five minutes (401)', async () => {
    const browser = phoneAs('zhangsan')
    const callback = await untilCallback(browser, '/')
    clock.advance(300_000)
    const answer = await browser.get(callback)
    expect(answer.status).toBe(401)
    expect(answer.text).toContain('登录已过期，请重新进入')
  })

  it('a state cookie older than ten minutes (400)', async () => {
    const browser = phoneAs('zhangsan')
    const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=/`)
    clock.advance(600_000)
    const callback = (await browser.get(start.location ?? '')).location ?? ''
    expect((await browser.get(callback)).status).toBe(400)
  })

  it('someone outside the corp (403)', async () => {
    const answer = await login(phoneAs(TEST_CORP.nonMemberOpenId))
    expect(answer.status).toBe(403)
    expect(answer.text).toContain('您无权访问此页面，请联系所在团组织的管理员开通权限')
    expect(sessions).toEqual([])
  })

  it('a member without an account in this app (403)', async () => {
    const answer = await login(phoneAs('wangwu'))
    expect(answer.status).toBe(403)
    expect(answer.text).toContain('您无权访问此页面，请联系所在团组织的管理员开通权限')
  })

  it('a user who declined the authorization (401)', async () => {
    const browser = new Browser(UA.desktop)
    const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=/`)
    const declined = await browser.get(`${start.location}&sim_deny=1`)
    const answer = await browser.get(declined.location ?? '')
    expect(answer.status).toBe(401)
    expect(answer.text).toContain('未完成企业微信授权')
  })

  it('with a 502 page when WeCom answers HTTP 500, and shows no internals', async () => {
    sim.control.httpErrorNext(1, { api: 'auth/getuserinfo' })
    const answer = await login(phoneAs('zhangsan'))
    expect(answer.status).toBe(502)
    expect(answer.text).toContain('企业微信服务暂时无法访问，请稍后再试')
    expect(answer.text).not.toMatch(/Wecom|Error|HTTP 500|cgi-bin/)
  })

  it('with a 502 page when WeCom cannot be reached at all', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const deadPort = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    await app.close()
    await startApp(wecomClient(`http://127.0.0.1:${deadPort}`))
    const answer = await login(phoneAs('zhangsan'))
    expect(answer.status).toBe(502)
    expect(answer.text).toContain('企业微信服务暂时无法访问，请稍后再试')
  })

  it('a malformed request with a Chinese page instead of the API JSON (400)', async () => {
    const answer = await new Browser(UA.desktop).get(`${TEST_CORP.appOrigin}/auth/wecom/callback?code=a&code=b&state=x`)
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('请求格式不正确')
    expect(answer.text).toMatch(/^<!doctype html>/)
  })

  it('to follow a next that leads off the site: the login lands on /', async () => {
    const answer = await login(phoneAs('zhangsan'), '//evil.example/phish')
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`${TEST_CORP.appOrigin}/`)
  })
})

describe('the WeCom login', () => {
  it('logs a phone in through in-client OAuth and lands on next with a mobile session', async () => {
    const browser = phoneAs('zhangsan')
    const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=${encodeURIComponent('/reviews/1?tab=changes')}`)
    expect(start.status).toBe(302)
    const authorize = new URL(start.location ?? '')
    expect(authorize.origin + authorize.pathname).toBe(`${sim.url}/connect/oauth2/authorize`)
    expect(start.location).toMatch(/&response_type=code&scope=snsapi_base&state=[A-Za-z0-9]{32}&agentid=1000002#wechat_redirect$/)
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${TEST_CORP.appOrigin}/auth/wecom/callback`)
    expect(start.setCookies[0]).toMatch(/^wecom_login=[^;]+; Max-Age=600; Path=\/auth\/wecom; HttpOnly; SameSite=Lax$/)

    const back = await browser.get(start.location ?? '')
    expect(back.location).toMatch(new RegExp(`^${TEST_CORP.appOrigin}/auth/wecom/callback\\?code=[^&]+&state=${authorize.searchParams.get('state')}$`))

    const done = await browser.get(back.location ?? '')
    expect(done.status).toBe(302)
    expect(done.location).toBe(`${TEST_CORP.appOrigin}/reviews/1?tab=changes`)
    expect(sessions).toEqual([{ accountId: 11, channel: 'mobile' }])
    expect(browser.cookie(TEST_CORP.appOrigin, 'sid')).toBe('session-of-11')
    // Reloading the used callback: the state is remembered as used, WeCom is not asked again.
    const calls = sim.control.callCount('auth/getuserinfo')
    const reload = await browser.get(back.location ?? '')
    expect(reload.status).toBe(401)
    expect(reload.text).toContain('登录已过期，请重新进入')
    expect(reload.text).toContain(`/auth/login?next=${encodeURIComponent('/reviews/1?tab=changes')}`)
    expect(sim.control.callCount('auth/getuserinfo')).toBe(calls)
    expect(sessions).toHaveLength(1)
  })

  it('logs a desktop browser in through the web login page that lists the cadres, with a pc session', async () => {
    const browser = new Browser(UA.desktop)
    const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=/pc/`)
    expect(start.location).toMatch(new RegExp(`^${sim.url}/wwlogin/sso/login\\?login_type=CorpApp&appid=${TEST_CORP.corpId}&agentid=1000002&redirect_uri=`))
    const picker = await browser.get(start.location ?? '')
    expect(picker.status).toBe(200)
    expect(picker.text).toContain('李四')
    expect(picker.text).toContain('计算机学院团总支')
    const choice = /href="([^"]*sim_user=LiSi[^"]*)"/.exec(picker.text)?.[1]?.replace(/&amp;/g, '&') ?? ''
    const back = await browser.get(`${sim.url}${choice}`)
    const done = await browser.get(back.location ?? '')
    expect(done.location).toBe(`${TEST_CORP.appOrigin}/pc/`)
    expect(sessions).toEqual([{ accountId: 12, channel: 'pc' }])
  })

  it('uses one access token for two logins', async () => {
    expect((await login(phoneAs('zhangsan'))).status).toBe(302)
    expect((await login(phoneAs('LiSi'))).status).toBe(302)
    expect(sim.control.callCounts()).toMatchObject({ gettoken: 1, 'auth/getuserinfo': 2 })
  })

  it('fetches a new token once when WeCom expired the token early, and still logs in', async () => {
    await login(phoneAs('zhangsan'))
    sim.control.expireAllTokens()
    expect((await login(phoneAs('zhangsan'))).status).toBe(302)
    expect(sim.control.callCounts()).toMatchObject({ gettoken: 2, 'auth/getuserinfo': 3 })
  })

  it('fetches a new token when WeCom no longer knows the token (40014), and still logs in', async () => {
    await login(phoneAs('zhangsan'))
    sim.control.revokeToken()
    expect((await login(phoneAs('LiSi'))).status).toBe(302)
    expect(sim.control.callCount('gettoken')).toBe(2)
    expect(sessions.map((s) => s.accountId)).toEqual([11, 12])
  })

  it('rides out two "system busy" answers and still logs in', async () => {
    sim.control.failNext(2, { api: 'auth/getuserinfo' })
    expect((await login(phoneAs('zhangsan'))).status).toBe(302)
    expect(sim.control.callCount('auth/getuserinfo')).toBe(3)
  })
})
