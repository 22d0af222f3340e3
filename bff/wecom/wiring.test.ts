import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { testContext, loginAs, type TestContext } from '../test/context'
import { seedProvince, type Province } from '../test/fixtures'
import { startWecomSimulator, type WecomSimulator } from '../simulator'
import { buildApp } from '../app'
import { wireWecom } from './wiring'

let ctx: TestContext
let app: FastifyInstance
let p: Province
let sim: WecomSimulator

beforeEach(async () => {
  ctx = await testContext()
  p = await seedProvince(ctx)
  sim = await startWecomSimulator({
    corpId: 'wwtest',
    agents: [{ agentId: 1000002, secret: 's3cret', trustedDomains: ['app.test:3000'] }],
    users: [{ userid: 'zhangwei', name: '张伟' }],
  })
  const wecom = wireWecom(ctx, { corpId: 'wwtest', agentId: '1000002', secret: 's3cret', apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url }, { warn: () => {}, error: () => {} })
  app = await buildApp({ ctx, wecomPublic: { corpId: 'wwtest', agentId: '1000002' }, apiExtend: async (api) => { await api.register(wecom.apiRoutes) } })
})
afterEach(async () => {
  await app.close()
  await ctx.close()
  await sim.close()
})

const q = (url: string, type?: string) => `/api/wecom/jssdk-signature?url=${encodeURIComponent(url)}${type ? `&type=${type}` : ''}`

describe('JS-SDK signatures', () => {
  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: q('http://app.test:3000/') })).statusCode).toBe(401)
  })

  it('signs only pages on the app’s own origin', async () => {
    const c = await loginAs(app, ctx, p.accounts.a1op)
    const res = await c.get(q('https://evil.example/page'))
    expect(res.statusCode).toBe(403)
    expect((await c.get(q('not a url'))).statusCode).toBe(400)
  })

  it('signs the page URL without its #fragment with the corp ticket, and with the agent ticket on request; tickets are cached', async () => {
    const c = await loginAs(app, ctx, p.accounts.a1op)
    const corp = (await c.get(q('http://app.test:3000/?from=card#/reviews/12'))).json()
    const { corp: corpTicket } = sim.control.tickets()
    expect(corp).toMatchObject({ corpId: 'wwtest', agentId: '1000002' })
    expect(corp.signature).toBe(sim.sign(corpTicket!, corp.nonceStr, corp.timestamp, 'http://app.test:3000/?from=card'))
    const agent = (await c.get(q('http://app.test:3000/', 'agent'))).json()
    expect(agent.signature).toBe(sim.sign(sim.control.tickets().agents['1000002'], agent.nonceStr, agent.timestamp, 'http://app.test:3000/'))
    await c.get(q('http://app.test:3000/'))
    expect(sim.control.callCount('get_jsapi_ticket')).toBe(1)
    expect(sim.control.callCount('gettoken')).toBe(1)
  })

  it('answers 502 when WeCom cannot be reached for a ticket', async () => {
    sim.control.httpErrorNext(5, { status: 500 })
    const c = await loginAs(app, ctx, p.accounts.a1op)
    const res = await c.get(q('http://app.test:3000/'))
    expect(res.statusCode).toBe(502)
    expect(res.json().code).toBe('UPSTREAM')
  })
})
