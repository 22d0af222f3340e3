import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'

const w = useWorld({ wecomUsers: [{ userid: 'zhangwei', name: '张伟' }] })

const q = (url: string, type?: string) => `/api/wecom/jssdk-signature?url=${encodeURIComponent(url)}${type ? `&type=${type}` : ''}`

describe('JS-SDK signatures', () => {
  it('needs a session', async () => {
    expect((await w.app.inject({ method: 'GET', url: q('http://app.test:3000/') })).statusCode).toBe(401)
  })

  it('signs only pages on the app’s own origin', async () => {
    const c = await w.as('a1op')
    const res = await c.get(q('https://evil.example/page'))
    expect(res.statusCode).toBe(403)
    expect((await c.get(q('not a url'))).statusCode).toBe(400)
  })

  it('signs the page URL without its #fragment with the corp ticket, and with the agent ticket on request; tickets are cached', async () => {
    const c = await w.as('a1op')
    const corp = (await c.get(q('http://app.test:3000/?from=card#/reviews/12'))).json()
    const { corp: corpTicket } = w.sim.control.tickets()
    expect(corp).toMatchObject({ corpId: 'wwtest', agentId: '1000002' })
    expect(corp.signature).toBe(w.sim.sign(corpTicket!, corp.nonceStr, corp.timestamp, 'http://app.test:3000/?from=card'))
    const agent = (await c.get(q('http://app.test:3000/', 'agent'))).json()
    expect(agent.signature).toBe(w.sim.sign(w.sim.control.tickets().agents['1000002'], agent.nonceStr, agent.timestamp, 'http://app.test:3000/'))
    await c.get(q('http://app.test:3000/'))
    expect(w.sim.control.callCount('get_jsapi_ticket')).toBe(1)
    expect(w.sim.control.callCount('gettoken')).toBe(1)
  })

  it('answers 502 when WeCom cannot be reached for a ticket', async () => {
    w.sim.control.httpErrorNext(5, { status: 500 })
    const c = await w.as('a1op')
    const res = await c.get(q('http://app.test:3000/'))
    expect(res.statusCode).toBe(502)
    expect(res.json().code).toBe('UPSTREAM')
  })
})
