/** The test controls (control.ts, control-routes.ts): faults, call counts, and the same over HTTP for another process. */
import { describe, expect, it } from 'vitest'
import { TEST_CORP } from './test-corp'
import { useTestSimulator } from './use-test-simulator'
import { callsTo } from './test-calls'

const sim = useTestSimulator()
const { api, token } = callsTo(sim)

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
