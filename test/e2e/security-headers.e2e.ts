/**
 * The Content-Security-Policy in a real browser (issue #11 "Web security";
 * bff/plugins/security-headers.ts): the phone app and the PC workbench load and work under it
 * — the phone page's one inline script allowed by its hash, nothing refused — and the page that
 * runs is the one the policy protects (a script injected into the page by an attacker does not run).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { desktopPage, phonePage, screenshot, useE2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'

const e2e = useE2e({ screenPrefix: 'csp-' })
const OPERATOR = 'zhangwei'

/** Every report of the policy refusing something, from the page itself and from the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text())
  })
  // Page-side code as text: the test's TypeScript has no DOM library.
  await page.addInitScript(`window.__violations = []
    addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))`)
  return async () => [...console, ...((await page.evaluate('window.__violations')) as string[])]
}

describe('the pages work under the Content-Security-Policy', () => {
  it('the phone app: home, 资料审核 and the 退回 dialog load with nothing refused', async () => {
    const probe = await phonePage(e2e.browser, { userid: OPERATOR })
    const violations = await watchViolations(probe)
    // Signed in (the first load went through WeCom's login and came back): the reads answered.
    const reads: string[] = []
    probe.on('response', (r) => r.url().includes('/api/') && r.status() === 200 && reads.push(new URL(r.url()).pathname))
    const doc = await probe.goto(`${e2e.stack.baseUrl}/#/`)
    expect(doc?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/)
    await probe.getByRole('heading', { name: e2e.stack.account(OPERATOR).orgName }).waitFor()
    await probe.getByRole('link', { name: /资料审核/ }).waitFor()
    // web/index.html's inline script ran under the policy: it painted the colour scheme and
    // started the session and the counts, which the app took instead of asking again.
    expect(await probe.evaluate('document.documentElement.className')).toMatch(/van-theme-(light|dark)/)
    expect(reads.filter((p) => p === '/api/me' || p === '/api/dashboard').sort()).toEqual(['/api/dashboard', '/api/me'])

    await probe.getByRole('link', { name: /资料审核/ }).click()
    await probe.locator('.van-nav-bar__title', { hasText: '资料审核' }).waitFor()
    await probe.getByRole('link').first().click()
    await probe.getByRole('button', { name: '退回', exact: true }).click()
    await probe.getByRole('dialog').getByRole('textbox').first().waitFor()
    expect(await violations()).toEqual([])
    // Vant's icons come from its inline font alone now (scripts/local-fonts.ts): they still show.
    const iconWidth = await probe.locator('.van-icon').first().evaluate((el) => (el as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width)
    expect(iconWidth).toBeGreaterThan(0)
    await screenshot(probe, 'csp-mobile-return-dialog', { fullPage: false })
  })

  it('an inline script put into the page does not run', async () => {
    const page = await phonePage(e2e.browser, { userid: OPERATOR })
    const violations = await watchViolations(page)
    await page.goto(`${e2e.stack.baseUrl}/#/`)
    await page.getByRole('heading', { name: e2e.stack.account(OPERATOR).orgName }).waitFor()
    await page.evaluate(`{
      const s = document.createElement('script')
      s.textContent = 'window.__injected = true'
      document.body.appendChild(s)
    }`)
    await expect.poll(async () => (await violations()).some((v) => v.includes('script-src'))).toBe(true)
    expect(await page.evaluate('window.__injected')).toBeUndefined()
  })

  it('the PC workbench: login and the member list load with nothing refused', async () => {
    const page = await desktopPage(e2e.browser)
    const violations = await watchViolations(page)
    await page.goto(`${e2e.stack.baseUrl}/pc/`)
    await page.getByLabel('组织账号').fill(e2e.stack.account(OPERATOR).orgCode)
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
    await page.getByRole('table').first().waitFor()
    expect(await violations()).toEqual([])
  })
})
