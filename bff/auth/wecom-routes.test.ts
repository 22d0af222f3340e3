/**
 * The WeCom login over real HTTP (the harness: wecom-login-harness.ts; docs/WECOM.md §2–§4):
 * a phone through in-client OAuth, a desktop browser through the web login, and one access
 * token kept across logins and renewed when WeCom drops it. What it refuses:
 * wecom-routes-refusals.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { TEST_CORP } from '../simulator/test-corp'
import { useWecomLoginApp } from './wecom-login-harness'

const w = useWecomLoginApp()
const { sim, sessions, phoneAs, login } = w

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
    const browser = w.browser()
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
