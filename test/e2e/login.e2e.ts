/**
 * Logging in (docs/CONTRACT.md "Login"; docs/WECOM.md §2, §3, §12) in real Chromium against the real
 * server and the WeCom simulator: what a cadre sees on the way in, and on the ways that fail.
 */
import { describe, expect, it } from 'vitest'
import type { Page, Response } from 'playwright-core'
import { desktopPage, E2E_CORP, pathOf, phonePage, screenshot, useE2e } from './harness'

/** A 运营者 of a 团支部 in the demo data (docs/DOMAIN.md §1). */
const CADRE = 'zhangwei'

const e2e = useE2e()

const isCallback = (r: Response) => new URL(r.url()).pathname === '/auth/wecom/callback'

/** The 团务管理首页 of `userid`'s organisation is on screen. */
async function seeHomeOf(page: Page, userid: string) {
  const org = e2e.stack.account(userid).orgName
  await page.getByRole('heading', { name: org }).waitFor()
  expect(new URL(page.url()).origin).toBe(e2e.stack.baseUrl)
}

/** The simulator's web-login page ("scan the QR code": pick a cadre). */
async function seeWebLoginPicker(page: Page) {
  await page.waitForURL((url) => url.origin === e2e.stack.simulator.url && url.pathname === '/wwlogin/sso/login')
  await page.getByRole('heading', { name: '选择登录身份' }).waitFor()
}

describe('logging in fails with a Chinese page that says what to do', () => {
  it('someone WeCom knows only as an outsider (openid) sees "您无权访问此页面" (403) and gets no session', async () => {
    const page = await phonePage(e2e.browser, { userid: E2E_CORP.nonMemberOpenId })
    const callback = page.waitForResponse(isCallback)
    await page.goto(e2e.stack.baseUrl + '/')

    expect((await callback).status()).toBe(403)
    await page.getByRole('heading', { name: /您无权访问此页面/ }).waitFor()
    await screenshot(page, 'login-403-non-member')
    expect((await page.request.get(e2e.stack.baseUrl + '/api/me')).status()).toBe(401)
  })

  it('reloading a callback URL that was already used says "登录已过期，请重新进入", and its 重新登录 link logs in again', async () => {
    const page = await phonePage(e2e.browser, { userid: CADRE })
    const callback = page.waitForResponse(isCallback)
    await page.goto(e2e.stack.baseUrl + '/')
    const usedCallbackUrl = (await callback).url()
    await seeHomeOf(page, CADRE)

    const replay = await page.goto(usedCallbackUrl)
    expect(replay?.status()).toBeGreaterThanOrEqual(400)
    await page.getByRole('heading', { name: '登录已过期，请重新进入' }).waitFor()
    await screenshot(page, 'login-used-callback')

    await page.getByRole('link', { name: '重新登录' }).click()
    await seeHomeOf(page, CADRE)
  })

  it('when WeCom cannot be reached during login the page says so (502), and 重新登录 works once WeCom is back', async () => {
    const sim = e2e.stack.simulator.control
    // The server may hold a token from an earlier login: revoke it so the login needs a new one.
    sim.revokeToken()
    sim.httpErrorNext(1, { api: 'gettoken', status: 502 })
    try {
      const page = await phonePage(e2e.browser, { userid: CADRE })
      const callback = page.waitForResponse(isCallback)
      await page.goto(e2e.stack.baseUrl + '/')

      expect((await callback).status()).toBe(502)
      await page.getByRole('heading', { name: '企业微信服务暂时无法访问，请稍后再试' }).waitFor()
      await screenshot(page, 'login-502-wecom-down')
      expect(sim.callCount('gettoken')).toBeGreaterThan(0)

      await page.getByRole('link', { name: '重新登录' }).click()
      await seeHomeOf(page, CADRE)
    } finally {
      sim.clearFaults()
    }
  })

  it('after 退出登录 the session is gone and the app asks to log in again', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/')
    await seeWebLoginPicker(page)
    await page.getByRole('link', { name: new RegExp(e2e.stack.account(CADRE).name) }).click()
    await seeHomeOf(page, CADRE)

    await page.goto(e2e.stack.baseUrl + '/#/mine')
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '退出' }).click()

    await seeWebLoginPicker(page)
    await screenshot(page, 'login-after-logout')
    expect((await page.request.get(e2e.stack.baseUrl + '/api/me')).status()).toBe(401)
  })
})

describe('logging in succeeds', () => {
  it('a desktop browser is led through the web-login page listing the demo cadres and lands on the home page of the chosen cadre', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/')
    await seeWebLoginPicker(page)
    for (const a of e2e.stack.accounts.filter((x) => x.wecomUserId)) {
      await page.getByRole('link', { name: new RegExp(`${a.name}.*${a.wecomUserId}`) }).waitFor()
    }
    await screenshot(page, 'login-desktop-web-login-picker')

    await page.getByRole('link', { name: new RegExp(e2e.stack.account(CADRE).name) }).click()
    await seeHomeOf(page, CADRE)
    expect(pathOf(page)).toBe('/#/')
    await screenshot(page, 'login-desktop-home')

    const me = await page.request.get(e2e.stack.baseUrl + '/api/me')
    expect(me.status()).toBe(200)
    expect((await me.json()).account.name).toBe(e2e.stack.account(CADRE).name)
  })

  it('inside WeCom on a phone the login is silent: WeCom is asked to authorize and the home page appears without a login screen', async () => {
    const sim = e2e.stack.simulator.control
    const authorizeBefore = sim.callCount('connect/oauth2/authorize')
    const page = await phonePage(e2e.browser, { userid: CADRE })
    const seen: string[] = []
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) seen.push(frame.url())
    })
    await page.goto(e2e.stack.baseUrl + '/#/reviews')

    await page.locator('.van-nav-bar__title', { hasText: '资料审核' }).waitFor()
    expect(pathOf(page)).toMatch(/^\/#\/reviews/)
    await screenshot(page, 'login-phone-reviews')
    await page.getByText('返回').click()
    await seeHomeOf(page, CADRE)
    await screenshot(page, 'login-phone-home')

    expect(sim.callCount('connect/oauth2/authorize')).toBe(authorizeBefore + 1)
    expect(seen.some((u) => u.startsWith(`${e2e.stack.simulator.url}/connect/oauth2/authorize`))).toBe(false) // a 302, never a page
    expect(seen.some((u) => u.startsWith(`${e2e.stack.baseUrl}/#/reviews`))).toBe(true) // back where the user started
  })
})
