/**
 * The harness of the WeCom login tests: the whole login over real HTTP — a browser (fetch
 * with manual redirects and a cookie jar) → wecomLoginRoutes in a small Fastify app → the
 * simulator on 127.0.0.1 → back. The app's public origin is http://app.test:8443 (the
 * simulator's trusted domain); the test browser maps it onto the port the app really listens
 * on, as a reverse proxy would. Every test gets a fresh app and an empty list of sessions.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import { afterEach, beforeEach, expect } from 'vitest'
import { TEST_CORP } from '../simulator/test-corp'
import { useTestSimulator } from '../simulator/use-test-simulator'
import { createWecomClient, type WecomClient } from '../wecom/client'
import { wecomLoginRoutes } from './wecom-routes'

const UA = {
  wecomPhone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
}

/** Accounts bound to WeCom userids; wangwu is a member without one. */
const ACCOUNTS: Record<string, number> = { zhangsan: 11, LiSi: 12 }

export interface Answer {
  status: number
  location: string | null
  text: string
  setCookies: string[]
}

export function useWecomLoginApp() {
  const sim = useTestSimulator()
  let app: FastifyInstance
  let appUrl: string
  const sessions: { accountId: number; channel: 'mobile' | 'pc' }[] = []

  function wecomClient(apiBase = sim.url): WecomClient {
    return createWecomClient({
      apiBase,
      corpId: TEST_CORP.corpId,
      agents: { [TEST_CORP.agentId]: TEST_CORP.secret },
      timeoutMs: 2000,
      clock: sim.clock,
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
      clock: sim.clock,
      findAccountByWecomUserId: async (userid) => (ACCOUNTS[userid] ? { id: ACCOUNTS[userid] } : null),
      startSession: async (_request, reply, accountId, channel) => {
        sessions.push({ accountId, channel })
        reply.setCookie('sid', `session-of-${accountId}`, { path: '/', httpOnly: true, sameSite: 'lax' })
      },
    })
    appUrl = await app.listen({ port: 0, host: '127.0.0.1' })
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

  beforeEach(async () => {
    sessions.length = 0
    await startApp(wecomClient())
  })
  afterEach(() => app.close())

  return {
    sim,
    /** The sessions the app started, in order. */
    sessions,
    /** A desktop browser (or any user agent), outside WeCom. */
    browser: (ua = UA.desktop) => new Browser(ua),
    /** A phone inside WeCom where `simUser` is logged in (the simulator reads that from its sim_user cookie). */
    phoneAs(simUser: string) {
      const b = new Browser(UA.wecomPhone)
      b.setCookie(sim.url, 'sim_user', simUser)
      return b
    },
    untilCallback,
    /** The whole login to `next`: the app's last answer (a redirect to `next` when it worked). */
    login: async (browser: Browser, next = '/reviews/1'): Promise<Answer> => browser.get(await untilCallback(browser, next)),
    /** Closes this test's app and starts another whose WeCom client talks to `apiBase`. */
    async restartAppWithWecomAt(apiBase: string) {
      await app.close()
      await startApp(wecomClient(apiBase))
    },
  }
}

export const withState = (callback: string, state: string) => {
  const url = new URL(callback)
  url.searchParams.set('state', state)
  return url.toString()
}
