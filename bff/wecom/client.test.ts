import { beforeEach, describe, expect, it } from 'vitest'
import { TEST_CORP } from '../simulator/test-corp'
import { useTestSimulator } from '../simulator/use-test-simulator'
import { closedPort } from '../test/closed-port'
import { createWecomClient, type WecomClientOptions, type WecomLogger } from './client'
import { WecomApiError, WecomUnavailableError } from './errors'

const sim = useTestSimulator()
const { clock } = sim
let logs: { level: 'warn' | 'error'; msg: string }[]
let sleeps: number[]

const logger: WecomLogger = {
  warn: (_obj, msg) => logs.push({ level: 'warn', msg }),
  error: (_obj, msg) => logs.push({ level: 'error', msg }),
}

function client(overrides: Partial<WecomClientOptions> = {}) {
  return createWecomClient({
    apiBase: sim.url,
    corpId: TEST_CORP.corpId,
    agents: { [TEST_CORP.agentId]: TEST_CORP.secret, [TEST_CORP.otherAgentId]: TEST_CORP.otherSecret },
    timeoutMs: 2000,
    clock,
    logger,
    // Backoff is recorded, not waited for: the tests never depend on timing.
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  })
}

const codeFor = (who: { userid?: string; openid?: string }) =>
  sim.control.issueCode({ agentId: TEST_CORP.agentId, redirectUri: `${TEST_CORP.appOrigin}/auth/wecom/callback`, ...who })

beforeEach(() => {
  logs = []
  sleeps = []
})

describe('the WeCom client when WeCom refuses or fails', () => {
  it('does not retry a wrong secret (40001) and logs which setting to fix', async () => {
    const c = client({ agents: { [TEST_CORP.agentId]: 'wrong-secret' } })
    const err = await c.getUserInfoByCode(codeFor({ userid: 'zhangsan' })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomApiError)
    expect((err as WecomApiError).errcode).toBe(40001)
    expect(sim.control.callCount('gettoken')).toBe(1)
    expect(logs).toEqual([{ level: 'error', msg: expect.stringContaining('WECOM_SECRET') }])
  })

  it('does not retry 60020 and logs the server IP to add to 企业可信IP', async () => {
    sim.control.blockIp('127.0.0.1')
    const err = await client().getUser('zhangsan').catch((e: unknown) => e)
    expect((err as WecomApiError).errcode).toBe(60020)
    expect(sim.control.callCount('user/get')).toBe(1)
    expect(logs[0]?.msg).toMatch(/出口 IP 127\.0\.0\.1 不在应用 1000002 的「企业可信IP」中/)
  })

  it('gives up on -1 after three retries with exponential backoff and reports WeCom unavailable', async () => {
    sim.control.failNext(10, { api: 'user/get' })
    const err = await client().getUser('zhangsan').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomUnavailableError)
    expect((err as WecomUnavailableError).reason).toBe('busy')
    expect(sim.control.callCount('user/get')).toBe(4)
    expect(sleeps).toEqual([200, 400, 800])
  })

  it('retries only once with a new token when the token is refused again', async () => {
    sim.control.failNext(2, { api: 'user/get', errcode: 40014 })
    const err = await client().getUser('zhangsan').catch((e: unknown) => e)
    expect((err as WecomApiError).errcode).toBe(40014)
    expect(sim.control.callCount('user/get')).toBe(2)
    expect(sim.control.callCount('gettoken')).toBe(2)
  })

  it('reports HTTP 500 as WecomUnavailableError without retrying', async () => {
    sim.control.httpErrorNext(1, { api: 'auth/getuserinfo' })
    const err = await client().getUserInfoByCode(codeFor({ userid: 'zhangsan' })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomUnavailableError)
    expect((err as WecomUnavailableError).reason).toBe('http')
    expect(sim.control.callCount('auth/getuserinfo')).toBe(1)
  })

  it('reports an answer that does not come within the time-out as WecomUnavailableError', async () => {
    const c = client({ timeoutMs: 200 })
    await c.getAccessToken()
    sim.control.slowDown(60_000, { api: 'user/get' })
    const err = await c.getUser('zhangsan').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomUnavailableError)
    expect((err as WecomUnavailableError).reason).toBe('timeout')
  })

  it('reports a WeCom nobody listens for as WecomUnavailableError', async () => {
    const err = await client({ apiBase: `http://127.0.0.1:${await closedPort()}` }).getAccessToken().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomUnavailableError)
    expect((err as WecomUnavailableError).reason).toBe('network')
  })

  it('surfaces a used code as 40029 and a message nobody can receive as 81013', async () => {
    const c = client()
    const code = codeFor({ userid: 'zhangsan' })
    await c.getUserInfoByCode(code)
    expect(((await c.getUserInfoByCode(code).catch((e: unknown) => e)) as WecomApiError).errcode).toBe(40029)
    const card = { title: 't', description: 'd', url: 'http://app.test:8443/' }
    const err = await c.sendMessage({ touser: ['nobody'], msgtype: 'textcard', textcard: card }).catch((e: unknown) => e)
    expect((err as WecomApiError).errcode).toBe(81013)
    expect(logs).toEqual([])
  })
})

describe('the WeCom client caching and retrying', () => {
  it('fetches one token for many calls, concurrent ones included', async () => {
    const c = client()
    await Promise.all([c.getUser('zhangsan'), c.getUser('lisi'), c.getUser('zhangsan')])
    await c.getUser('lisi')
    expect(sim.control.callCounts()).toMatchObject({ gettoken: 1, 'user/get': 4 })
  })

  it('refreshes the token five minutes before it expires, not earlier', async () => {
    const c = client()
    await c.getUser('zhangsan')
    clock.advance(7200_000 - 300_000 - 1)
    await c.getUser('zhangsan')
    expect(sim.control.callCount('gettoken')).toBe(1)
    clock.advance(1)
    await c.getUser('zhangsan')
    expect(sim.control.callCount('gettoken')).toBe(2)
  })

  it('fetches a new token once and retries the call when WeCom expired the token early (42001)', async () => {
    const c = client()
    await c.getUser('zhangsan')
    sim.control.expireAllTokens()
    expect(await c.getUser('zhangsan')).toMatchObject({ userid: 'zhangsan', name: '张三' })
    expect(sim.control.callCounts()).toMatchObject({ gettoken: 2, 'user/get': 3 })
  })

  it('fetches a new token only once when several calls fail together on a revoked token (40014)', async () => {
    const c = client()
    await c.getUser('zhangsan')
    sim.control.revokeToken()
    await Promise.all([c.getUser('zhangsan'), c.getUser('lisi'), c.getUser('zhangsan')])
    expect(sim.control.callCount('gettoken')).toBe(2)
  })

  it('retries -1 twice and then succeeds', async () => {
    sim.control.failNext(2, { api: 'auth/getuserinfo' })
    expect(await client().getUserInfoByCode(codeFor({ userid: 'zhangsan' }))).toEqual({ userid: 'zhangsan' })
    expect(sleeps).toEqual([200, 400])
  })

  it('tells a member (userid) from a non-member (openid)', async () => {
    const c = client()
    expect(await c.getUserInfoByCode(codeFor({ userid: 'LiSi' }))).toEqual({ userid: 'LiSi' })
    expect(await c.getUserInfoByCode(codeFor({ openid: TEST_CORP.nonMemberOpenId }))).toEqual({ openid: TEST_CORP.nonMemberOpenId })
  })

  it('caches the corp ticket and each app ticket, fetched with that app’s own token', async () => {
    const c = client()
    const [corp, corpAgain] = await Promise.all([c.getJsapiTicket(), c.getJsapiTicket()])
    const agent = await c.getAgentTicket()
    const other = await c.getAgentTicket(TEST_CORP.otherAgentId)
    expect(corpAgain).toBe(corp)
    expect(sim.control.tickets()).toEqual({ corp, agents: { [TEST_CORP.agentId]: agent, [TEST_CORP.otherAgentId]: other } })
    await c.getJsapiTicket()
    await c.getAgentTicket()
    expect(sim.control.callCounts()).toMatchObject({ get_jsapi_ticket: 1, 'ticket/get': 2, gettoken: 2 })
    clock.advance(7200_000 - 300_000)
    await c.getJsapiTicket()
    expect(sim.control.callCount('get_jsapi_ticket')).toBe(2)
  })

  it('sends a textcard with an integer agentid and reports the invalid recipients', async () => {
    const card = { title: '待审核', description: '有 2 条新的入团申请', url: 'http://app.test:8443/reviews' }
    const result = await client().sendMessage({ touser: ['zhangsan', 'Nobody'], msgtype: 'textcard', textcard: card })
    expect(result).toEqual({ invaliduser: ['nobody'], invalidparty: [], invalidtag: [], unlicenseduser: [], msgid: expect.any(String) })
    expect(sim.control.messages()[0]).toMatchObject({
      delivered: ['zhangsan'],
      payload: { touser: 'zhangsan|Nobody', agentid: 1000002, msgtype: 'textcard', textcard: card },
    })
  })
})
