/** The simulated JS-SDK tickets (tickets.ts) and message/send with its per-member limit (state.ts; docs/WECOM.md §7–§8). */
import { describe, expect, it } from 'vitest'
import { TEST_CORP } from './test-corp'
import { useTestSimulator } from './use-test-simulator'
import { callsTo } from './test-calls'
import { MESSAGES_PER_MEMBER_PER_MINUTE } from './state'
import { TICKET_LIMITS } from './tickets'

const sim = useTestSimulator()
const { clock } = sim
const { api, post, token } = callsTo(sim)

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

