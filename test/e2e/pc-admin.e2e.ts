/**
 * Getting into the PC workbench and the admin's screens (issue #5) in real Chromium at
 * 1366×900: 组织账号 / 手机号 + 密码 with one generic error, 企业微信扫码登录, 运营者管理 with a
 * temporary password shown once, 操作日志 (who, what, when, channel, IP), 修改密码, 退出登录.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { desktopPage, pathOf, screenshot, useE2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'

/** 运营者 of the demo's first 团支部, and a second one there whose password the admin resets. */
const OPERATOR = 'zhangwei'
const SECOND_OPERATOR = 'lina'
/** 运营者 of another 团支部 (its admin adds an operator). */
const OTHER_BRANCH_OPERATOR = 'liuyang'

const e2e = useE2e()

async function fillLogin(page: Page, kind: 'admin' | 'operator', account: string, password: string) {
  if (kind === 'operator') await page.getByRole('tab', { name: '运营者登录' }).click()
  await page.getByLabel(kind === 'admin' ? '组织账号' : '手机号码').fill(account)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}

async function noToast(page: Page) {
  await page.locator('.van-toast').first().waitFor({ state: 'hidden' })
}

describe('logging in to the PC workbench', () => {
  it('a wrong password gets the one generic message, and the right one opens the page asked for', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/transfers')
    await page.getByRole('heading', { name: '团务审核 · PC工作台' }).waitFor()
    expect(pathOf(page)).toBe('/pc/#/login?next=/transfers')
    await screenshot(page, 'pc-login')

    const admin = e2e.stack.account(OPERATOR).orgCode
    await fillLogin(page, 'admin', admin, 'wrong-password')
    await page.getByText('账号或密码错误').waitFor()
    await fillLogin(page, 'admin', 'no-such-org', 'wrong-password')
    await page.getByText('账号或密码错误').waitFor()
    await screenshot(page, 'pc-login-failed')

    await fillLogin(page, 'admin', admin, DEMO_PASSWORD)
    await page.getByRole('heading', { name: '组织关系转接' }).waitFor()
    await page.getByText(e2e.stack.account(OPERATOR).orgName).first().waitFor()
    await page.getByText('组织账号', { exact: true }).waitFor()
  })

  it('an operator logs in with the mobile number and sees no admin menu', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/')
    const operator = e2e.stack.account(OPERATOR)
    await fillLogin(page, 'operator', operator.mobile!, DEMO_PASSWORD)
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
    await page.getByText(operator.name, { exact: false }).first().waitFor()
    await expect(page.getByRole('tab', { name: '运营者管理' }).count()).resolves.toBe(0)
    await expect(page.getByRole('tab', { name: '操作日志' }).count()).resolves.toBe(0)
    // An admin-only screen by its address leads back to 我的团员.
    await page.goto(e2e.stack.baseUrl + '/pc/#/audit')
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
  })

  it('企业微信扫码登录 goes through WeCom web login and comes back to the workbench', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/')
    await page.getByRole('link', { name: '企业微信扫码登录' }).click()
    await page.waitForURL((url) => url.origin === e2e.stack.simulator.url)
    await page.getByRole('link', { name: new RegExp(e2e.stack.account(OPERATOR).name) }).click()
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
    expect(pathOf(page)).toBe('/pc/#/members')
  })
})

describe('the desktop WeCom client', () => {
  it('at 1000 px wide the workbench still fits: the menu shows and only the table scrolls sideways', async () => {
    const page = await desktopPage(e2e.browser)
    await page.setViewportSize({ width: 1000, height: 760 })
    await page.goto(e2e.stack.baseUrl + '/pc/')
    await fillLogin(page, 'admin', e2e.stack.account(OTHER_BRANCH_OPERATOR).orgCode, DEMO_PASSWORD)
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
    await page.locator('tbody tr').first().waitFor()
    // Evaluated in the page (this file is type-checked without the DOM library).
    const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth')
    expect(pageWidth).toBeLessThanOrEqual(1000)
    await page.getByRole('tab', { name: '退出登录' }).waitFor()
    await screenshot(page, 'pc-members-1000px')
  })
})

describe('the admin (组织账号) manages operators and reads the log', () => {
  it('resets an operator’s password (shown once, and it works), then sees it in 操作日志 with channel and IP, changes its own password and logs out', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/')
    await fillLogin(page, 'admin', e2e.stack.account(OPERATOR).orgCode, DEMO_PASSWORD)
    await page.getByRole('heading', { name: '我的团员' }).waitFor()

    await page.getByRole('tab', { name: '运营者管理' }).click()
    await page.getByRole('heading', { name: '运营者管理' }).waitFor()
    const second = e2e.stack.account(SECOND_OPERATOR)
    const row = page.locator('tr', { hasText: second.name })
    await row.getByRole('button', { name: '重置密码' }).click()
    // Vant's confirm dialog names itself badly (aria-labelledby holds the title text): find it by its text.
    await page.getByRole('dialog').filter({ hasText: '确定重置' }).getByRole('button', { name: '重置' }).click()
    const shown = page.getByRole('dialog', { name: '密码已重置' })
    const temporary = (await shown.getByTestId('temporary-password').textContent())!.trim()
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/)
    await shown.getByText('仅显示一次').waitFor()
    await screenshot(page, 'pc-accounts-temporary-password')

    // The temporary password logs the operator in; the old one no longer does.
    const other = await e2e.browser.newContext()
    const login = (password: string) => other.request.post(`${e2e.stack.baseUrl}/auth/password`, { data: { account: second.mobile, password } })
    expect((await login(DEMO_PASSWORD)).status()).toBe(401)
    expect((await login(temporary)).status()).toBe(200)
    await other.close()

    await shown.getByRole('button', { name: '我已记下' }).click()
    await shown.waitFor({ state: 'hidden' })

    await page.getByRole('tab', { name: '操作日志' }).click()
    await page.getByRole('heading', { name: '操作日志' }).waitFor()
    const entry = page.locator('tr', { hasText: `重置${second.name}的密码` })
    await entry.waitFor()
    await expect(entry.textContent()).resolves.toMatch(/重置运营者密码.*PC端.*127\.0\.0\.1/)
    await expect(entry.textContent()).resolves.toContain('管理员（组织账号）')
    await screenshot(page, 'pc-audit')

    await page.getByRole('tab', { name: '修改密码' }).click()
    await page.getByRole('heading', { name: '修改密码' }).waitFor()
    await page.getByLabel('当前密码').fill('not-my-password')
    await page.getByLabel('新密码（至少8位）').fill('new-pass-2026')
    await page.getByLabel('确认新密码').fill('new-pass-2026')
    await page.getByRole('button', { name: '确定修改' }).click()
    await page.getByText('当前密码不正确').waitFor()
    await screenshot(page, 'pc-password')
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '确定修改' }).click()
    await page.getByText('密码已修改').waitFor()
    await noToast(page)

    await page.getByRole('tab', { name: '退出登录' }).click()
    await page.getByRole('dialog').filter({ hasText: '确定退出当前账号吗' }).getByRole('button', { name: '退出' }).click()
    await page.getByRole('heading', { name: '团务审核 · PC工作台' }).waitFor()
    expect((await page.request.get(e2e.stack.baseUrl + '/api/me')).status()).toBe(401)
    await fillLogin(page, 'admin', e2e.stack.account(OPERATOR).orgCode, 'new-pass-2026')
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
  })

  it('adds an operator, whose temporary password is shown once', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/accounts')
    await fillLogin(page, 'admin', e2e.stack.account(OTHER_BRANCH_OPERATOR).orgCode, DEMO_PASSWORD)
    await page.getByRole('heading', { name: '运营者管理' }).waitFor()
    await page.getByRole('button', { name: '新增运营者' }).click()
    const dialog = page.getByRole('dialog', { name: '新增运营者' })
    await dialog.getByLabel('姓名').fill('陈晓')
    await dialog.getByLabel(/手机号码/).fill('13926009999')
    await dialog.getByRole('button', { name: '添加' }).click()
    const shown = page.getByRole('dialog', { name: '已添加运营者' })
    await shown.getByText('陈晓的临时密码（仅显示一次）').waitFor()
    await shown.getByRole('button', { name: '我已记下' }).click()
    await page.locator('tr', { hasText: '陈晓' }).getByText('139****9999').waitFor()
  })
})

describe('后台任务 for the root organisation', () => {
  it('the province admin sees the queue and errors above 操作日志; a branch admin does not', async () => {
    const root = e2e.stack.data.organizations!.find((o) => o.parent === null)!
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/audit')
    await fillLogin(page, 'admin', root.code, DEMO_PASSWORD)
    await page.getByRole('heading', { name: '操作日志' }).waitFor()
    const panel = page.getByTestId('background-status')
    await panel.getByText('待发送企业微信消息').waitFor()
    await screenshot(page, 'pc-background-status')

    const branch = await desktopPage(e2e.browser)
    await branch.goto(e2e.stack.baseUrl + '/pc/#/audit')
    // Another branch's admin (the first tests of this file changed b-001's password).
    const other = e2e.stack.accounts.find((a) => a.kind === 'admin' && a.orgCode !== root.code && a.orgCode !== e2e.stack.account(OPERATOR).orgCode && /^b-/.test(a.orgCode))!
    await fillLogin(branch, 'admin', other.orgCode, DEMO_PASSWORD)
    await branch.getByRole('heading', { name: '操作日志' }).waitFor()
    await branch.getByText('暂无操作记录').or(branch.locator('table tbody tr').first()).first().waitFor()
    expect(await branch.getByTestId('background-status').count()).toBe(0)
  })
})
