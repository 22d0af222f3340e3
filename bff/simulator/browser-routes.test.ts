/** The simulated browser pages (browser-routes.ts): in-client OAuth and the web login (docs/WECOM.md §2–§3). */
import { describe, expect, it } from 'vitest'
import { TEST_CORP } from './test-corp'
import { useTestSimulator } from './use-test-simulator'
import { authorizeQuery, callsTo, codeFrom, DESKTOP_UA, WECOM_MOBILE_UA, webLoginQuery } from './test-calls'

const sim = useTestSimulator()
const { api, token, page } = callsTo(sim)

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

