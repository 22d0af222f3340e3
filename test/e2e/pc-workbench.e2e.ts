/**
 * The workbench as a 工作台 (issue #15) in real Chromium at 1366×900: Enter in a filter searches,
 * Esc closes a dialog and gives the focus back to the button that opened it, an empty list says
 * what it is for and what to do; a screenshot of every screen on the way.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { desktopPage, pathOf, screenshot, useE2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'

/** 运营者 of the demo's first 团支部; 运营者 of its 团委. */
const OPERATOR = 'zhangwei'
const COMMITTEE_OPERATOR = 'chenjing'

const e2e = useE2e({ screenPrefix: 'pc-workbench-' })

/** Logs in as the 组织账号 of `userid`'s organisation on `hash` and waits for `heading`. */
async function adminAt(userid: string, hash: string, heading: string): Promise<Page> {
  const page = await desktopPage(e2e.browser)
  await page.goto(`${e2e.stack.baseUrl}/pc/#${hash}`)
  await page.getByLabel('组织账号').fill(e2e.stack.account(userid).orgCode)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: heading }).waitFor()
  return page
}

/** The focused element's text and role, read in the page. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement
    return el?.textContent?.trim() ?? ''
  })

describe('keyboard on the workbench', () => {
  it('Enter in the 姓名 filter searches, without a click on 查询', async () => {
    const page = await adminAt(OPERATOR, '/reviews?state=handled', '资料审核')
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-reviews-handled')
    const first = (await page.locator('tbody tr td').first().textContent())!.trim()
    const search = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/profile-reviews' && new URL(r.url()).searchParams.get('q') === first.slice(0, 1))
    await page.getByLabel('姓名').fill(first.slice(0, 1))
    await page.getByLabel('姓名').press('Enter')
    await search
    expect(pathOf(page)).toContain(`q=${encodeURIComponent(first.slice(0, 1))}`)
    await page.locator('tbody tr').first().waitFor()
    const names = await page.locator('tbody tr td:first-child').allTextContents()
    expect(names.length).toBeGreaterThan(0)
    for (const n of names) expect(n.trim().startsWith(first.slice(0, 1))).toBe(true)
  })

  it('Esc closes a dialog wherever the focus is, and the focus goes back to the button that opened it', async () => {
    const page = await adminAt(OPERATOR, '/accounts', '运营者管理')
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-accounts')
    const opener = page.getByRole('button', { name: '新增运营者' })
    await opener.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: '新增运营者' })
    await dialog.waitFor()
    await screenshot(page, 'pc-accounts-add')
    // Focus is in the dialog (not left on the page behind it), then Esc from a field closes it.
    await page.getByLabel('姓名').fill('赵六')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await focused(page)).toBe('新增运营者')

    // The same with the focus nowhere in particular: Esc still closes the dialog.
    await opener.click()
    await dialog.waitFor()
    await page.mouse.click(5, 5)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })
})

describe('empty and loading states', () => {
  it('an empty list says what it is for and what to do; an empty search says to change the filters', async () => {
    const page = await adminAt(OPERATOR, '/transfers?box=initiated', '组织关系转接')
    const empty = page.getByText('暂无本组织发起的转接申请').or(page.locator('tbody tr td a').first())
    await empty.first().waitFor()
    if (await page.getByText('暂无本组织发起的转接申请').count()) {
      await page.getByText('团支部可以在“我的团员”中选择团员，或点击右上角“发起转接”').waitFor()
      await screenshot(page, 'pc-transfers-initiated-empty')
    }

    await page.goto(`${e2e.stack.baseUrl}/pc/#/members`)
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-members')
    await page.getByLabel('姓名').fill('无此人')
    await page.getByLabel('姓名').press('Enter')
    await page.getByText('没有符合条件的团员').waitFor()
    await page.getByText('换个姓名或筛选条件再查询').waitFor()
    await screenshot(page, 'pc-members-empty-search')
  })

  it('screens of a 团委: 下级待办, 待分配, 操作日志 and a transfer', async () => {
    const page = await adminAt(COMMITTEE_OPERATOR, '/backlog', '下级待办')
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-backlog')
    await page.goto(`${e2e.stack.baseUrl}/pc/#/transfers?box=allocate`)
    await page.getByRole('heading', { name: '组织关系转接' }).waitFor()
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-transfers-allocate')
    await page.goto(`${e2e.stack.baseUrl}/pc/#/transfers?box=done`)
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-transfers-done')
    await page.goto(`${e2e.stack.baseUrl}/pc/#/audit`)
    await page.getByRole('heading', { name: '操作日志' }).waitFor()
    await page.locator('tbody tr').first().waitFor()
    await screenshot(page, 'pc-audit')
  })
})
