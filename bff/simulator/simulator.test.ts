import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../clock'
import type { WecomSimulator } from './server'
import { TEST_CORP, startTestSimulator } from './test-corp'
import { MESSAGES_PER_MEMBER_PER_MINUTE } from './state'
import { TICKET_LIMITS } from './tickets'

const clock = manualClock('2026-11-20T02:00:00.000Z')
let sim: WecomSimulator

const WECOM_MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh'
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'

type Json = Record<string, unknown> & { errcode: number; errmsg: string }

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

const authorizeQuery = (extra: Record<string, string> = {}) => ({
  appid: TEST_CORP.corpId,
  redirect_uri: `${TEST_CORP.appOrigin}/auth/wecom/callback`,
  response_type: 'code',
  scope: 'snsapi_base',
  state: 'abcDEF123',
  agentid: TEST_CORP.agentId,
  ...extra,
})

const webLoginQuery = (extra: Record<string, string> = {}) => ({
  login_type: 'CorpApp',
  appid: TEST_CORP.corpId,
  agentid: TEST_CORP.agentId,
  redirect_uri: `${TEST_CORP.appOrigin}/auth/wecom/callback`,
  state: 'xyz789',
  ...extra,
})

const codeFrom = (location: string | null) => new URL(location ?? 'http://x/').searchParams.get('code') ?? ''

beforeAll(async () => {
  sim = await startTestSimulator({ now: () => clock.now().getTime() })
})
afterAll(() => sim.close())
beforeEach(() => sim.control.reset())

describe('the simulated gettoken', () => {
  it('answers 41004 "corpsecret missing" as HTTP 200 JSON with Error-Code and Error-Msg headers', async () => {
    const r = await api('gettoken', { corpid: TEST_CORP.corpId })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8')
    expect(r.body.errcode).toBe(41004)
    expect(r.body.errmsg).toMatch(/^corpsecret missing, hint: \[\d+_\d+_[0-9a-f]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=41004$/)
    expect(r.headers.get('error-code')).toBe('41004')
    expect(r.headers.get('error-msg')).toBe(r.body.errmsg)
  })

  it('answers 40013 for an unknown corp id and 40001 for a wrong secret', async () => {
    expect((await api('gettoken', { corpid: 'wrong', corpsecret: TEST_CORP.secret })).body.errcode).toBe(40013)
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: 'wrong' })).body.errcode).toBe(40001)
  })

  it('answers 40001 for a secret that was rotated and 50003 for a disabled app', async () => {
    sim.control.rotateSecret(TEST_CORP.agentId, 'new-secret')
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })).body.errcode).toBe(40001)
    sim.control.disableApp(TEST_CORP.agentId)
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: 'new-secret' })).body.errcode).toBe(50003)
  })

  it('returns the same token with the remaining lifetime until it expires, then a new one for 7200 s', async () => {
    const first = await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })
    expect(first.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    clock.advance(1_000_000)
    const second = await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })
    expect(second.body.access_token).toBe(first.body.access_token)
    expect(second.body.expires_in).toBe(6200)
    clock.advance(6_200_000)
    const third = await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })
    expect(third.body.access_token).not.toBe(first.body.access_token)
    expect(third.body.expires_in).toBe(7200)
  })
})

describe('token-bearing calls', () => {
  it('answer 41001 when the token is sent in a header instead of the query', async () => {
    const t = await token()
    const r = await api('user/get', { userid: 'zhangsan' }, { headers: { authorization: `Bearer ${t}`, access_token: t } })
    expect(r.body.errcode).toBe(41001)
  })

  it('answer 40014 for a revoked token and 42001 for an expired one', async () => {
    const revoked = await token()
    sim.control.revokeToken(revoked)
    expect((await api('user/get', { access_token: revoked, userid: 'zhangsan' })).body.errcode).toBe(40014)
    const expired = await token()
    expect(sim.control.expireAllTokens()).toBe(1)
    expect((await api('user/get', { access_token: expired, userid: 'zhangsan' })).body.errcode).toBe(42001)
    expect(await token()).not.toBe(expired)
  })

  it('answer 60020 naming the caller IP when the IP is not trusted', async () => {
    const t = await token()
    sim.control.blockIp('127.0.0.1')
    const r = await api('user/get', { access_token: t, userid: 'zhangsan' })
    expect(r.body.errcode).toBe(60020)
    expect(r.body.errmsg).toContain('not allow to access from your ip')
    expect(r.body.errmsg).toContain('from ip: 127.0.0.1')
  })

  it('answer 404 for a path WeCom does not have', async () => {
    expect((await api('no/such/api', {})).status).toBe(404)
  })
})

describe('in-client OAuth', () => {
  it('shows "请在企业微信客户端打开链接" to a browser outside WeCom', async () => {
    const res = await page('/connect/oauth2/authorize', authorizeQuery(), DESKTOP_UA)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('请在企业微信客户端打开链接')
  })

  it('shows "redirect_uri参数错误" when the redirect host is not a trusted domain, the port included', async () => {
    for (const uri of ['http://app.test/auth/wecom/callback', 'http://evil.test:8443/cb', 'http://sub.app.test:8443/cb']) {
      const res = await page('/connect/oauth2/authorize', authorizeQuery({ redirect_uri: uri, sim_user: 'zhangsan' }))
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('redirect_uri参数错误')
    }
  })

  it('refuses a state outside [a-zA-Z0-9] and an unknown corp id', async () => {
    expect(await (await page('/connect/oauth2/authorize', authorizeQuery({ state: 'a-b', sim_user: 'zhangsan' }))).text()).toContain('state参数错误')
    expect(await (await page('/connect/oauth2/authorize', authorizeQuery({ appid: 'wx0', sim_user: 'zhangsan' }))).text()).toContain('appid参数错误')
  })

  it('shows the user picker with the configured names and organisations when it does not know the user', async () => {
    const res = await page('/connect/oauth2/authorize', authorizeQuery())
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('选择登录身份')
    expect(html).toContain('张三')
    expect(html).toContain('示范大学团委')
    expect(html).toContain('sim_user=zhangsan')
  })

  it('redirects to redirect_uri with a code and the state, appended to an existing query', async () => {
    const res = await page(
      '/connect/oauth2/authorize',
      authorizeQuery({ redirect_uri: `${TEST_CORP.appOrigin}/auth/wecom/callback?from=card` }),
      WECOM_MOBILE_UA,
      'sim_user=zhangsan',
    )
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe(`${TEST_CORP.appOrigin}/auth/wecom/callback`)
    expect(location.searchParams.get('from')).toBe('card')
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,512}$/)
    expect(location.searchParams.get('state')).toBe('abcDEF123')
  })

  it('redirects with the state only when the user declines', async () => {
    const res = await page('/connect/oauth2/authorize', authorizeQuery({ sim_deny: '1' }))
    expect(res.headers.get('location')).toBe(`${TEST_CORP.appOrigin}/auth/wecom/callback?state=abcDEF123`)
  })
})

describe('the web login', () => {
  it('refuses a login_type other than CorpApp and a redirect host outside the web-login domains', async () => {
    expect(await (await page('/wwlogin/sso/login', webLoginQuery({ login_type: 'ServiceApp' }), DESKTOP_UA)).text()).toContain('login_type参数错误')
    const wrongHost = await page('/wwlogin/sso/login', webLoginQuery({ redirect_uri: 'http://other.test/cb' }), DESKTOP_UA)
    expect(await wrongHost.text()).toContain('redirect_uri参数错误')
  })

  it('tells a member outside the visible scope that they have no access', async () => {
    const res = await page('/wwlogin/sso/login', webLoginQuery({ sim_user: 'wangwu' }), DESKTOP_UA)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('你没有该应用的使用权限')
  })

  it('lists the demo cadres in any browser and logs in as the one chosen', async () => {
    const picker = await page('/wwlogin/sso/login', webLoginQuery(), DESKTOP_UA)
    const html = await picker.text()
    expect(html).toContain('李四')
    expect(html).toContain('计算机学院团总支')
    const href = /href="([^"]*sim_user=LiSi[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&')
    expect(href).toBeDefined()
    const chosen = await fetch(`${sim.url}${href}`, { redirect: 'manual', headers: { 'user-agent': DESKTOP_UA } })
    expect(chosen.status).toBe(302)
    const code = codeFrom(chosen.headers.get('location'))
    expect((await api('auth/getuserinfo', { access_token: await token(), code })).body).toMatchObject({ errcode: 0, userid: 'LiSi' })
  })
})

describe('auth/getuserinfo', () => {
  const issue = (userid = 'zhangsan') => sim.control.issueCode({ agentId: TEST_CORP.agentId, userid, redirectUri: `${TEST_CORP.appOrigin}/cb` })

  it('answers 41008 without a code and 40029 "invalid code" for a code used twice', async () => {
    const t = await token()
    expect((await api('auth/getuserinfo', { access_token: t })).body.errcode).toBe(41008)
    const code = issue()
    expect((await api('auth/getuserinfo', { access_token: t, code })).body).toEqual({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' })
    const again = await api('auth/getuserinfo', { access_token: t, code })
    expect(again.body.errcode).toBe(40029)
    expect(again.body.errmsg).toMatch(/^invalid code, hint: /)
  })

  it('answers 40029 for a code older than five minutes', async () => {
    const t = await token()
    const code = issue()
    clock.advance(300_000)
    expect((await api('auth/getuserinfo', { access_token: t, code })).body.errcode).toBe(40029)
  })

  it('answers 50001 when another app consumes the code', async () => {
    const other = await token(TEST_CORP.otherSecret)
    expect((await api('auth/getuserinfo', { access_token: other, code: issue() })).body.errcode).toBe(50001)
  })

  it('answers an openid for a non-member, also for members outside the visible scope a userid', async () => {
    const t = await token()
    const code = sim.control.issueCode({ agentId: TEST_CORP.agentId, openid: TEST_CORP.nonMemberOpenId, redirectUri: `${TEST_CORP.appOrigin}/cb` })
    expect((await api('auth/getuserinfo', { access_token: t, code })).body).toEqual({ errcode: 0, errmsg: 'ok', openid: TEST_CORP.nonMemberOpenId })
    expect((await api('auth/getuserinfo', { access_token: t, code: issue('wangwu') })).body.userid).toBe('wangwu')
  })

  it('hands out a user_ticket for snsapi_privateinfo that getuserdetail redeems until it expires after 30 minutes', async () => {
    const t = await token()
    const code = sim.control.issueCode({ agentId: TEST_CORP.agentId, userid: 'zhangsan', redirectUri: `${TEST_CORP.appOrigin}/cb`, scope: 'snsapi_privateinfo' })
    const info = (await api('auth/getuserinfo', { access_token: t, code })).body
    expect(info).toMatchObject({ userid: 'zhangsan', expires_in: 1800 })
    expect((await post('auth/getuserdetail', { access_token: t }, {})).body.errcode).toBe(84090)
    expect((await post('auth/getuserdetail', { access_token: t }, { user_ticket: 'nope' })).body.errcode).toBe(84015)
    const detail = await post('auth/getuserdetail', { access_token: t }, { user_ticket: info.user_ticket })
    expect(detail.body).toMatchObject({ errcode: 0, userid: 'zhangsan', mobile: '13800000001', gender: '0' })
    clock.advance(1_800_000)
    expect((await post('auth/getuserdetail', { access_token: await token() }, { user_ticket: info.user_ticket })).body.errcode).toBe(84014)
  })
})

describe('user/get', () => {
  it('answers 60111 naming an unknown userid and 60011 for a member outside the visible scope', async () => {
    const t = await token()
    const unknown = await api('user/get', { access_token: t, userid: 'nobody' })
    expect(unknown.body.errcode).toBe(60111)
    expect(unknown.body.errmsg).toMatch(/^invalid string value `nobody`\. userid not found/)
    expect((await api('user/get', { access_token: t, userid: 'wangwu' })).body.errcode).toBe(60011)
  })

  it('finds a userid whatever its case and leaves out the sensitive fields', async () => {
    const r = await api('user/get', { access_token: await token(), userid: 'LISI' })
    expect(r.body).toMatchObject({ errcode: 0, userid: 'LiSi', name: '李四', department: [3], status: 1 })
    expect(r.body).not.toHaveProperty('mobile')
  })
})

describe('JS-SDK tickets', () => {
  it('answers 45009 after 100 agent-ticket calls within an hour, and serves again an hour later', async () => {
    const t = await token()
    for (let i = 0; i < TICKET_LIMITS.agentTicketPerApp; i++) {
      expect((await api('ticket/get', { access_token: t, type: 'agent_config' })).body.errcode).toBe(0)
    }
    expect((await api('ticket/get', { access_token: t, type: 'agent_config' })).body.errcode).toBe(45009)
    clock.advance(3_600_000)
    expect((await api('ticket/get', { access_token: await token(), type: 'agent_config' })).body.errcode).toBe(0)
  })

  it('answers 40058 for a ticket type other than agent_config', async () => {
    expect((await api('ticket/get', { access_token: await token(), type: 'wx_card' })).body.errcode).toBe(40058)
  })

  it('keeps one corp ticket for the corp and a separate ticket per app, each for 7200 s', async () => {
    const a = await token()
    const b = await token(TEST_CORP.otherSecret)
    const corpA = (await api('get_jsapi_ticket', { access_token: a })).body
    const corpB = (await api('get_jsapi_ticket', { access_token: b })).body
    expect(corpA).toMatchObject({ errcode: 0, expires_in: 7200 })
    expect(corpB.ticket).toBe(corpA.ticket)
    const agentA = (await api('ticket/get', { access_token: a, type: 'agent_config' })).body.ticket
    const agentB = (await api('ticket/get', { access_token: b, type: 'agent_config' })).body.ticket
    expect(agentA).not.toBe(agentB)
    expect(sim.control.tickets()).toEqual({ corp: corpA.ticket, agents: { [TEST_CORP.agentId]: agentA, [TEST_CORP.otherAgentId]: agentB } })
  })

  it('signs with the published test vector (docs/WECOM.md §0)', () => {
    expect(
      sim.sign(
        'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
        'Wm3WZYTPz0wzccnW',
        1414587457,
        'http://mp.weixin.qq.com?params=value',
      ),
    ).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  })
})

describe('message/send', () => {
  const card = { title: '待审核', description: '<div class="normal">张三提交了入团申请</div>', url: 'http://app.test:8443/reviews/1' }
  const message = (extra: Record<string, unknown>) => ({ touser: 'zhangsan', msgtype: 'textcard', agentid: 1000002, textcard: card, ...extra })

  it('refuses malformed JSON (40058), a string agentid (40056), another app (301002), no recipients (82001), a card without description (41033)', async () => {
    const t = await token()
    const bad = await post('message/send', { access_token: t }, '{"touser":')
    expect(bad.body.errcode).toBe(40058)
    expect(bad.body.errmsg).toContain('Warning: wrong json format.')
    expect((await post('message/send', { access_token: t }, message({ agentid: '1000002' }))).body.errcode).toBe(40056)
    expect((await post('message/send', { access_token: t }, message({ agentid: 1000003 }))).body.errcode).toBe(301002)
    expect((await post('message/send', { access_token: t }, message({ touser: '' }))).body.errcode).toBe(82001)
    expect((await post('message/send', { access_token: t }, message({ textcard: { title: 'x', url: 'http://a' } }))).body.errcode).toBe(41033)
    expect(sim.control.messages()).toEqual([])
  })

  it('answers 81013 when every recipient is invalid', async () => {
    const r = await post('message/send', { access_token: await token() }, message({ touser: 'nobody|wangwu' }))
    expect(r.body.errcode).toBe(81013)
    expect(r.body.errmsg).toMatch(/^user & party & tag all invalid/)
  })

  it('delivers to the valid members and lists the others, lower-cased, in invaliduser', async () => {
    const r = await post('message/send', { access_token: await token() }, message({ touser: 'zhangsan|LISI|Nobody' }))
    expect(r.body).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: 'nobody' })
    expect(r.body.msgid).toEqual(expect.any(String))
    const [sent] = sim.control.messages()
    expect(sent.delivered).toEqual(['zhangsan', 'LiSi'])
    expect(sent.payload).toMatchObject({ msgtype: 'textcard', textcard: card })
  })

  it('silently drops messages to a member beyond 30 a minute, and delivers again a minute later', async () => {
    const t = await token()
    for (let i = 0; i < MESSAGES_PER_MEMBER_PER_MINUTE + 1; i++) {
      expect((await post('message/send', { access_token: t }, message({}))).body.errcode).toBe(0)
    }
    expect(sim.control.messages().at(-1)).toMatchObject({ delivered: [], dropped: ['zhangsan'] })
    clock.advance(60_000)
    await post('message/send', { access_token: await token() }, message({}))
    expect(sim.control.messages().at(-1)?.delivered).toEqual(['zhangsan'])
  })
})

describe('the test controls', () => {
  it('make the next calls answer -1, then the API answers normally again', async () => {
    sim.control.failNext(2)
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })).body.errcode).toBe(-1)
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })).body.errcode).toBe(-1)
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })).body.errcode).toBe(0)
  })

  it('make a chosen API answer HTTP 500 while the others keep working', async () => {
    sim.control.httpErrorNext(1, { api: 'user/get' })
    const t = await token()
    expect((await api('user/get', { access_token: t, userid: 'zhangsan' })).status).toBe(500)
    expect((await api('user/get', { access_token: t, userid: 'zhangsan' })).body.errcode).toBe(0)
  })

  it('count calls per API until reset', async () => {
    await token()
    await token()
    await api('user/get', { userid: 'zhangsan' })
    expect(sim.control.callCounts()).toEqual({ gettoken: 2, 'user/get': 1 })
    sim.control.reset()
    expect(sim.control.callCounts()).toEqual({})
  })

  it('are reachable over HTTP under /__sim for callers in another process', async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${sim.url}/__sim/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json())
    const t = await token()
    expect(await control('POST', 'tokens/revoke', { token: t })).toEqual({ revoked: [t] })
    expect((await api('user/get', { access_token: t, userid: 'zhangsan' })).body.errcode).toBe(40014)
    expect(await control('POST', 'faults/errcode', { count: 1, errcode: 45009 })).toEqual({ ok: true })
    expect((await api('gettoken', { corpid: TEST_CORP.corpId, corpsecret: TEST_CORP.secret })).body.errcode).toBe(45009)
    const before = (await control('GET', 'clock')) as { now: number }
    expect(await control('POST', 'clock/advance', { ms: 1000 })).toEqual({ now: before.now + 1000 })
    expect(await control('GET', 'calls')).toEqual({ calls: { 'user/get': 1, gettoken: 2 } })
    expect(await control('POST', 'faults/http', {})).toEqual({ error: 'count must be a number' })
    expect(await control('POST', 'reset')).toEqual({ ok: true })
    expect(await control('GET', 'messages')).toEqual({ messages: [] })
  })
})
