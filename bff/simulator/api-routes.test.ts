/** The simulated /cgi-bin API (api-routes.ts): tokens, the codes of a login, and members (docs/WECOM.md §4, §8). */
import { describe, expect, it } from 'vitest'
import { TEST_CORP } from './test-corp'
import { useTestSimulator } from './use-test-simulator'
import { callsTo } from './test-calls'

const sim = useTestSimulator()
const { clock } = sim
const { api, post, token } = callsTo(sim)

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

