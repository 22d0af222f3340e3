/**
 * 下级待办 and 催办 (issue #14; docs/DOMAIN.md §6) in real Chromium: a 团总支 operator on the phone
 * inside WeCom and its 组织账号 on the PC see what waits at each branch below, look at the
 * items read-only and remind a slow branch — the WeCom card reaches that branch's operators
 * through the simulator, and a second 催办 the same day is refused.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../bff/import/demo/accounts'
import { desktopPage, phoneAs, screenshot, useE2e, WAIT_MS } from './harness'

/** The demo's 团总支 operator; its branches b1 and b2 have WeCom operators and overdue items. */
const PARENT_OPERATOR = 'yangfan'

const e2e = useE2e({ screenPrefix: 'backlog-' })

const branchesOf = () => {
  const parent = e2e.stack.account(PARENT_OPERATOR)
  const codes = (e2e.stack.data.organizations ?? []).filter((o) => o.parent === parent.orgCode).map((o) => o.code)
  // One WeCom operator per branch (a branch may have several).
  const operators = e2e.stack.accounts.filter((a) => codes.includes(a.orgCode) && a.kind === 'operator' && a.wecomUserId)
  return operators.filter((a, i) => operators.findIndex((b) => b.orgCode === a.orgCode) === i)
}
const cardsTo = (userid: string) =>
  e2e.stack.simulator.control.messages().filter((m) => m.delivered.includes(userid)).map((m) => m.payload.textcard as { title: string; description: string })

/** Waits (bounded) until the background worker delivered a 催办 card to `userid`. */
async function remindCardTo(userid: string) {
  const until = Date.now() + WAIT_MS
  while (Date.now() < until) {
    const card = cardsTo(userid).find((c) => c.title.startsWith('催办：上级团组织'))
    if (card) return card
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no 催办 card reached ${userid}`)
}

describe('下级待办 on the phone', () => {
  it('a 团总支 operator sees each branch with its counts, looks at the items read-only and reminds a slow branch once a day', async () => {
    const page: Page = await phoneAs(e2e.browser, e2e.stack, PARENT_OPERATOR)
    await page.getByRole('link', { name: /下级待办/ }).click()
    await page.locator('.backlog-row').first().waitFor()
    await page.getByText('超时待办（超过48小时）').waitFor()
    await screenshot(page, 'mobile-backlog', { fullPage: false })

    const [target] = branchesOf()
    const row = page.locator(`.backlog-row[data-org="${target.orgCode}"]`)
    await expect(row.textContent()).resolves.toContain(target.orgName)

    await row.getByRole('button', { name: '查看待办' }).click()
    await page.getByText('仅供查看，由该组织的运营者审核').waitFor()
    await page.locator('.backlog-item').first().or(page.getByText('该组织暂无待审核的团员资料')).waitFor()
    expect(await page.getByRole('button', { name: /同意|退回/ }).count()).toBe(0)
    await screenshot(page, 'mobile-backlog-items', { fullPage: false })
    await page.goBack()

    await page.locator(`.backlog-row[data-org="${target.orgCode}"]`).getByRole('button', { name: '催办' }).click()
    await page.getByRole('dialog').filter({ hasText: '每个组织每天只能催办一次' }).getByRole('button', { name: '发送' }).click()
    await page.locator('.van-toast').filter({ hasText: /已向\d+名运营者发送催办/ }).waitFor()
    await page.locator(`.backlog-row[data-org="${target.orgCode}"]`).getByRole('button', { name: '今日已催办' }).waitFor()
    const card = await remindCardTo(target.wecomUserId!)
    expect(card.description).toContain('催办：资料审核')
  })
})

describe('下级待办 on the PC', () => {
  it('the 组织账号 sorts the branches, sees the charts, and a second 催办 of the same branch today is refused', async () => {
    const parent = e2e.stack.account(PARENT_OPERATOR)
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/')
    await page.getByLabel('组织账号').fill(parent.orgCode)
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { name: '我的团员' }).waitFor()
    await page.getByText('下级待办', { exact: true }).first().click()
    await page.getByRole('heading', { name: '下级待办' }).waitFor()
    await page.getByText(/近12周到达本组织的转接/).waitFor()
    await page.getByLabel('排序').selectOption('oldest')
    const [, second] = branchesOf()
    const row = page.locator('tr').filter({ hasText: second.orgName })
    await row.waitFor()
    await screenshot(page, 'pc-backlog')

    await row.getByText('催办', { exact: true }).click()
    await page.getByRole('dialog').filter({ hasText: '每个组织每天只能催办一次' }).getByRole('button', { name: '发送' }).click()
    await row.getByText('今日已催办').waitFor()
    await remindCardTo(second.wecomUserId!)

    // The same branch again today (another session, as a colleague would): 429 REMIND_LIMIT.
    const me = await (await page.request.get(`${e2e.stack.baseUrl}/api/me`)).json()
    const list = await (await page.request.get(`${e2e.stack.baseUrl}/api/backlog?limit=100`)).json()
    const target = list.items.find((r: { org: { code: string } }) => r.org.code === second.orgCode)
    expect(target.remindedToday).toBe(true)
    const again = await page.request.post(`${e2e.stack.baseUrl}/api/backlog/${target.org.id}/remind`, { headers: { 'x-csrf-token': me.csrfToken } })
    expect(again.status()).toBe(429)
    expect((await again.json()).code).toBe('REMIND_LIMIT')
  })
})
