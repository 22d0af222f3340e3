/**
 * Nothing secret or personal reaches the log (issue #11, docs/ARCHITECTURE.md principle 7):
 * the real server (bff/server.ts — WeCom wiring, password login, background worker) at
 * LOG_LEVEL=debug, its whole log captured, runs a working day — a WeCom login through the
 * simulator, PC password logins, a registration with an ID number and a phone, a look-up by
 * ID number, a 修改资料 with a new phone, a decision, an offline verification with photos, a
 * 显示完整号码, a JS-SDK signature, a member search by phone, a failed login — and then the log
 * is searched for every secret and every personal number the day used. None may be there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Writable } from 'node:stream'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../config'
import { startServer, type RunningServer } from '../server'
import { manualClock } from '../clock'
import { startWecomSimulator, type WecomSimulator } from '../simulator'
import { testDatabase } from '../test/context'
import { addMember, makeIdCard, seedProvince, type Province } from '../test/fixtures'
import { jpeg } from '../test/photos'
import { accountMobileColumns } from '../accounts/repository'
import { hashPassword } from '../security/password'

const APP_ORIGIN = 'http://app.test:8443'
const WECOM = { corpId: 'wwlogtest', agentId: '1000002', secret: `wecom-secret-${randomBytes(8).toString('hex')}` }
const INTEGRATION_TOKEN = `integration-key-${randomBytes(16).toString('hex')}`
const SESSION_SECRET = randomBytes(32).toString('base64url')
const OP_MOBILE = '13912345678'
const OP_PASSWORD = 'operator-pass-7731'
const ADMIN_PASSWORD = 'admin-pass-9920'
const WRONG_PASSWORD = 'wrong-pass-5512'
const REGISTERED_ID = makeIdCard('20040315')
const REGISTERED_MOBILE = '13712349876'
const CHANGED_MOBILE = '13654327654'
const FAILED_ID = makeIdCard('20030511', '990305') // an unknown province: the real-name check fails
const FAILED_MOBILE = '13598761234'
const WECOM_USER_MOBILE = '13811112233'
const UA_WECOM_PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light'

let log = ''
let sim: WecomSimulator
let server: RunningServer
let appUrl: string
let p: Province
let cleanup: (() => Promise<void>)[] = []

/** Secrets and numbers the flow used, gathered as it goes, by what they are. */
const secrets = new Map<string, string>()

/** A browser without JavaScript: one cookie jar per origin, redirects followed by the test; the app's public origin goes to where it listens. */
function browser(ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0') {
  const jar = new Map<string, Map<string, string>>()
  const b = {
    setCookie(origin: string, name: string, value: string) {
      const cookies = jar.get(origin) ?? new Map<string, string>()
      cookies.set(name, value)
      jar.set(origin, cookies)
    },
    cookie: (name: string) => jar.get(APP_ORIGIN)?.get(name),
    csrf: '',
    async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
      const logical = new URL(url, APP_ORIGIN)
      const target = logical.origin === APP_ORIGIN ? new URL(logical.pathname + logical.search, appUrl) : logical
      const cookies = [...(jar.get(logical.origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ')
      const isForm = body instanceof FormData
      const res = await fetch(target, {
        method,
        redirect: 'manual',
        headers: {
          'user-agent': ua,
          ...(cookies ? { cookie: cookies } : {}),
          ...(b.csrf && method !== 'GET' ? { 'x-csrf-token': b.csrf } : {}),
          ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      })
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';')
        b.setCookie(logical.origin, pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
      }
      const location = res.headers.get('location')
      return { status: res.status, location: location && new URL(location, logical).toString(), text: await res.text() }
    },
    get: (url: string) => b.request('GET', url),
    post: (url: string, body?: unknown) => b.request('POST', url, body),
  }
  return b
}
type Browser = ReturnType<typeof browser>

/** What `probe` answers once it answers something (the background worker polls every 50 ms); 10 s at most. */
async function until<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe()
    if (v !== null) return v
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the background worker never got there')
}

/** After a login: the session's CSRF token from /api/me, kept for the browser's changes. */
async function signedIn(b: Browser, what: string) {
  const me = await b.get('/api/me')
  expect(me.status, me.text).toBe(200)
  b.csrf = (JSON.parse(me.text) as { csrfToken: string }).csrfToken
  secrets.set(`${what}: session cookie`, b.cookie('sid')!)
  secrets.set(`${what}: CSRF token`, b.csrf)
}

beforeAll(async () => {
  sim = await startWecomSimulator({
    corpId: WECOM.corpId,
    agents: [{ agentId: Number(WECOM.agentId), secret: WECOM.secret, trustedDomains: [new URL(APP_ORIGIN).host] }],
    users: [{ userid: 'zhangwei', name: '张伟', mobile: WECOM_USER_MOBILE }],
    hideSensitiveFields: false,
  })
  cleanup.push(() => sim.close())
  let databaseUrl: string
  if (process.env.TEST_DATABASE_URL) {
    const pg = await testDatabase()
    cleanup.push(pg.close)
    databaseUrl = pg.url
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'log-redaction-'))
    cleanup.push(() => rm(dir, { recursive: true, force: true }))
    databaseUrl = `sqlite:${join(dir, 'app.db')}`
  }
  const config = {
    ...loadConfig({
      DATABASE_URL: databaseUrl,
      PUBLIC_BASE_URL: APP_ORIGIN,
      SESSION_SECRET,
      INTEGRATION_TOKEN,
      DATA_KEY: randomBytes(32).toString('base64'),
      WECOM_CORP_ID: WECOM.corpId,
      WECOM_AGENT_ID: WECOM.agentId,
      WECOM_SECRET: WECOM.secret,
      WECOM_API_BASE: sim.url,
      WECOM_OAUTH_BASE: sim.url,
      WECOM_LOGIN_BASE: sim.url,
      LOG_LEVEL: 'debug',
    }),
    port: 0,
  }
  const logTo = new Writable({
    write(chunk, _enc, done) {
      log += String(chunk)
      done()
    },
  })
  server = await startServer(config, { clock: manualClock(), logTo, workerPollMs: 50, distDir: '/nonexistent' })
  cleanup.push(() => server.close())
  appUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`
  p = await seedProvince(server.ctx)
  await server.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword(OP_PASSWORD), ...accountMobileColumns(server.ctx.crypto, OP_MOBILE) }).where('id', '=', p.accounts.a1op).execute()
  await server.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword(ADMIN_PASSWORD) }).where('id', '=', p.accounts.a1admin).execute()
  for (const [what, value] of Object.entries({
    'WeCom secret': WECOM.secret, 'integration API key': INTEGRATION_TOKEN, SESSION_SECRET, 'DATA_KEY': config.dataKey,
    'operator password': OP_PASSWORD, 'admin password': ADMIN_PASSWORD, 'wrong password': WRONG_PASSWORD,
    'registered ID number': REGISTERED_ID, 'registered phone': REGISTERED_MOBILE, 'changed phone': CHANGED_MOBILE,
    'failed member ID number': FAILED_ID, 'failed member phone': FAILED_MOBILE, 'operator phone': OP_MOBILE, "WeCom user's phone": WECOM_USER_MOBILE,
  })) secrets.set(what, value)
})

afterAll(async () => {
  for (const close of cleanup.reverse()) await close()
  cleanup = []
})

describe('the log of a working day', { timeout: 60_000 }, () => {
  it('holds no cookie, token, password, key, ID number or phone number', async () => {
    // 1. WeCom login on the phone, through the simulator's in-client OAuth.
    const phone = browser(UA_WECOM_PHONE)
    phone.setCookie(sim.url, 'sim_user', 'zhangwei')
    const start = await phone.get(`${APP_ORIGIN}/auth/login?next=${encodeURIComponent('/reviews')}`)
    expect(start.status).toBe(302)
    const atWecom = await phone.get(start.location!)
    const callback = new URL(atWecom.location!)
    secrets.set('WeCom OAuth code', callback.searchParams.get('code')!)
    secrets.set('WeCom login state', callback.searchParams.get('state')!)
    const landed = await phone.get(callback.toString())
    expect(landed.status, landed.text).toBe(302)
    await signedIn(phone, 'WeCom login')
    for (const t of sim.control.liveTokens()) secrets.set(`WeCom access_token ${t.agentId}`, t.token)
    const signature = await phone.get(`/api/wecom/jssdk-signature?url=${encodeURIComponent(`${APP_ORIGIN}/reviews`)}`)
    expect(signature.status, signature.text).toBe(200)
    const tickets = sim.control.tickets()
    for (const t of [tickets.corp, ...Object.values(tickets.agents)]) if (t) secrets.set('WeCom jsapi ticket', t)

    // A second phone whose login WeCom refuses (this server's IP is not trusted): error lines with WeCom's answer.
    const refused = browser(UA_WECOM_PHONE)
    refused.setCookie(sim.url, 'sim_user', 'zhangwei')
    const refusedCallback = new URL((await refused.get((await refused.get(`${APP_ORIGIN}/auth/login?next=/`)).location!)).location!)
    secrets.set('refused WeCom OAuth code', refusedCallback.searchParams.get('code')!)
    sim.control.failNext(1, { errcode: 60020, api: 'auth/getuserinfo' })
    expect((await refused.get(refusedCallback.toString())).status).toBeGreaterThanOrEqual(400)

    // 2. The member-facing system registers a member (ID number and phone), looks her up by
    //    ID number and changes her phone, with its API key.
    const api = browser()
    const auth = { authorization: `Bearer ${INTEGRATION_TOKEN}` }
    const reg = await api.request('POST', '/integration/v1/registrations', {
      org: 'a1', name: '吴敏', idCard: REGISTERED_ID, mobile: REGISTERED_MOBILE, nation: '汉族', education: '本科在读',
      occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05',
    }, auth)
    expect(reg.status, reg.text).toBe(201)
    const reviewId = (JSON.parse(reg.text) as { reviewId: number }).reviewId
    expect((await api.request('GET', `/integration/v1/members/${REGISTERED_ID}`, undefined, auth)).status).toBe(200)
    expect((await api.request('GET', '/integration/v1/members/110101200001011234', undefined, { authorization: 'Bearer not-the-key-at-all-0000000000000' })).status).toBe(401)

    // 3. The operator approves it on the phone, once the background worker's real-name check
    //    passed; then the member changes her phone.
    const detail = await until(async () => {
      const d = JSON.parse((await phone.get(`/api/profile-reviews/${reviewId}`)).text) as { version: number; realNameStatus: string }
      return d.realNameStatus === 'passed' ? d : null
    })
    const decided = await phone.post(`/api/profile-reviews/${reviewId}/decision`, { decision: 'approve', version: detail.version })
    expect(decided.status, decided.text).toBe(200)
    const change = await api.request('POST', '/integration/v1/change-requests', { idCard: REGISTERED_ID, changes: { mobile: CHANGED_MOBILE } }, auth)
    expect(change.status, change.text).toBeLessThan(300)

    // 4. PC: a failed password, then the operator by phone number and the admin by organisation code.
    const pc = browser()
    expect((await pc.post('/auth/password', { account: OP_MOBILE, password: WRONG_PASSWORD })).status).toBe(401)
    expect((await pc.post('/auth/password', { account: OP_MOBILE, password: OP_PASSWORD })).status).toBe(200)
    await signedIn(pc, 'PC operator')
    const admin = browser()
    expect((await admin.post('/auth/password', { account: 'a1', password: ADMIN_PASSWORD })).status).toBe(200)
    await signedIn(admin, 'PC admin')
    const created = await admin.post('/api/accounts', { name: '新运营者', kind: 'operator', mobile: '13511223344' })
    expect(created.status, created.text).toBe(200)
    secrets.set('new operator phone', '13511223344')
    secrets.set('temporary password', (JSON.parse(created.text) as { temporaryPassword: string }).temporaryPassword)

    // 5. The member search by phone, and by ID number.
    expect((await pc.get(`/api/members?mobile=${CHANGED_MOBILE}`)).status).toBe(200)
    expect((await pc.get(`/api/members?q=${REGISTERED_ID}`)).status).toBeLessThan(500)

    // 6. Offline verification of a member whose real-name check failed: 显示完整号码, then the photos.
    const failed = await addMember(server.ctx, p.orgs.a1, { realNameStatus: 'failed', idCard: FAILED_ID, mobile: FAILED_MOBILE, name: '孙丽' })
    const revealed = await pc.post(`/api/members/${failed.id}/reveal-id-card`)
    expect(revealed.status, revealed.text).toBe(200)
    expect(JSON.parse(revealed.text)).toEqual({ idCard: FAILED_ID })
    const form = new FormData()
    form.append('reason', '已线下核验身份证原件，信息无误')
    form.append('version', '0')
    form.append('photos', new Blob([jpeg()], { type: 'image/jpeg' }), `${FAILED_ID}.jpg`)
    const offline = await pc.request('POST', `/api/profile-reviews/${failed.reviewId}/offline-verification`, form)
    expect(offline.status, offline.text).toBe(200)

    // 7. Logging out, and the old cookie used again.
    const oldCookie = pc.cookie('sid')!
    expect((await pc.post('/auth/logout')).status).toBeLessThan(400)
    pc.setCookie(APP_ORIGIN, 'sid', oldCookie)
    expect((await pc.get('/api/me')).status).toBe(401)

    await server.close() // every line written (closing again in afterAll does nothing)

    expect(log).toContain('request completed') // the log is the one the day wrote
    expect(log).toContain('WeCom refused the login')
    expect(log).toContain('[wecom]') // the WeCom client's own line on what to fix
    expect(log).toContain('/integration/v1/registrations')
    // Named with the line that holds it, so a failure says where the leak is.
    const lineWith = (value: string) => log.split('\n').find((l) => l.includes(value))!.slice(0, 300)
    const found = [...secrets].filter(([, value]) => value && log.includes(value)).map(([what, value]) => `${what} in ${lineWith(value)}`)
    expect(found).toEqual([])
    // And no number shaped like one, used in the flow or not (standing alone: WeCom's hex hints hold digit runs).
    expect(log.match(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g) ?? [], 'an 18-character ID number').toEqual([])
    expect(log.match(/(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/g) ?? [], 'an 11-digit phone number').toEqual([])
  })
})
