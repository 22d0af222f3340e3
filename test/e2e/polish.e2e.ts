/**
 * What a careful first user trips over (issue #15), each in real Chromium: a stale empty state,
 * errors in the console, the favicon, wording, read-only accounts, the blocked 同意, the 退回
 * counter (phone and PC), tables that break names, titles that leave one character alone, and what a
 * screen reader is told after a decision or a batch.
 */
import { describe, expect, it } from 'vitest'
import type { ConsoleMessage, Page } from 'playwright-core'
import { desktopPage, phoneAs, screenshot, useE2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import { RETURN_REASON_MAX } from '../../shared/limits'
import { REVIEW_KINDS } from '../../shared/reviews'

/** 运营者 and 团干 (viewer) of the demo's first 团支部; 运营者 of the 团委 and of the province. */
const OPERATOR = 'zhangwei'
const VIEWER = 'wangfang'
const COMMITTEE_OPERATOR = 'chenjing'
const PROVINCE_OPERATOR = 'huangmin'
/** 运营者 of the first 团支部's parent 团总支 (batch 审核 on the phone). */
const PARENT_OPERATOR = 'yangfan'

const e2e = useE2e()

/** Computed style inside page.evaluate (the test's own TypeScript has no DOM library). */
type StyleOf = (el: unknown) => { whiteSpace: string; wordBreak: string; textWrap?: string; getPropertyValue(name: string): string }

/** The admin (组织账号) code of the organisation of the operator `userid`. */
const adminOf = (userid: string) => e2e.stack.account(userid).orgCode

/** Console errors and failed requests of a page, as lines ("console: …", "404 /favicon.ico"). */
function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`)
  })
  return errors
}

async function pcLogin(page: Page, account: string, landing = '我的团员') {
  await page.getByLabel('组织账号').fill(account)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: landing }).waitFor()
}

describe('no page logs an error in normal use', () => {
  it('the PC login page asks nothing that answers 401, and the favicon is there', async () => {
    const page = await desktopPage(e2e.browser)
    const errors = watchErrors(page)
    await page.goto(e2e.stack.baseUrl + '/pc/')
    await page.getByRole('heading', { name: '团务审核 · PC工作台' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(errors).toEqual([])
    const icon = await page.request.get(e2e.stack.baseUrl + (await page.locator('link[rel="icon"]').getAttribute('href'))!)
    expect(icon.status()).toBe(200)
    expect(icon.headers()['content-type']).toContain('image/svg+xml')
  })

  it('a 团委 admin opening 操作日志 does not ask for the background work it may not read', async () => {
    const page = await desktopPage(e2e.browser)
    const errors = watchErrors(page)
    await page.goto(e2e.stack.baseUrl + '/pc/#/audit')
    await pcLogin(page, adminOf(COMMITTEE_OPERATOR), '操作日志')
    await page.locator('tbody tr').first().waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.getByTestId('background-status').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('the province admin still sees 后台任务 above 操作日志', async () => {
    const page = await desktopPage(e2e.browser)
    const errors = watchErrors(page)
    await page.goto(e2e.stack.baseUrl + '/pc/#/audit')
    await pcLogin(page, adminOf(PROVINCE_OPERATOR), '操作日志')
    await page.getByTestId('background-status').waitFor()
    expect(errors).toEqual([])
  })

  it('the phone home page loads with its favicon and no error', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR)
    const errors = watchErrors(page)
    await page.reload()
    await page.getByRole('heading', { name: e2e.stack.account(OPERATOR).orgName }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(errors).toEqual([])
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg')
  })
})

describe('团员查询', () => {
  it('a second search that finds nothing names the second search, not the first', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/members')
    const box = page.getByRole('searchbox', { name: '团员姓名' })
    await box.fill('查无此人甲')
    await box.press('Enter')
    await page.getByText('未找到姓名为“查无此人甲”的团员').waitFor()
    await box.fill('查无此人乙')
    await box.press('Enter')
    await page.getByText('未找到姓名为“查无此人乙”的团员').waitFor()
    await box.fill('')
    await box.press('Enter')
    await page.locator('.member-card').first().waitFor()
    expect(await page.getByText('未找到姓名为').count()).toBe(0)
  })
})

describe('wording', () => {
  it('the offline verification calls its text 说明 in its errors too', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/members?profileStatus=registration_pending&realNameStatus=failed')
    await pcLogin(page, adminOf(OPERATOR))
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/members?profileStatus=registration_pending&realNameStatus=failed`)
    const member = ((await res.json()) as { items: { name: string }[] }).items[0]
    await page.getByRole('checkbox', { name: `选择${member.name}` }).first().click()
    await page.getByRole('button', { name: '资料审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByRole('radio', { name: '通过（线下核验无误）' }).click()
    // Typed text stops at the limit; a script (or a paste of surrogate pairs) may not.
    await dialog.getByLabel('线下核验说明').evaluate((el, n) => {
      const area = el as unknown as { value: string; dispatchEvent(e: Event): boolean }
      area.value = '核'.repeat(n + 1)
      area.dispatchEvent(new Event('input', { bubbles: true }))
    }, RETURN_REASON_MAX)
    await dialog.getByRole('button', { name: '确定' }).click()
    await dialog.getByText(`线下核验说明不能超过${RETURN_REASON_MAX}个字`).waitFor()
    expect(await dialog.getByText('原因不能超过').count()).toBe(0)
  })

  it('an out-of-province transfer names its target 转入省外组织, not 转入团支部', async () => {
    const row = await e2e.stack.ctx.db
      .selectFrom('transfers')
      .select(['id'])
      .where('kind', '=', 'out_of_province')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const page = await desktopPage(e2e.browser)
    await page.goto(`${e2e.stack.baseUrl}/pc/#/transfers/${row.id}`)
    await pcLogin(page, adminOf(PROVINCE_OPERATOR), '转接详情')
    await page.getByText('转入省外组织', { exact: true }).waitFor()
    expect(await page.getByText('转入团支部', { exact: true }).count()).toBe(0)
    await screenshot(page, 'pc-transfer-out-of-province')
  })
})

describe('what a user can do, and why the rest is unavailable', () => {
  it('a viewer (团干) is told on the home page and on a pending review that it can only look', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, VIEWER)
    await page.getByText('只能查看，不能审核').waitFor()
    await screenshot(page, 'mobile-home-viewer')
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/profile-reviews`)
    const review = ((await res.json()) as { items: { id: number }[] }).items[0]
    await page.goto(`${e2e.stack.baseUrl}/#/reviews/${review.id}`)
    await page.locator('.review-head').waitFor()
    await page.getByText('只能查看，不能审核').waitFor()
    expect(await page.getByRole('button', { name: '同意', exact: true }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '退回', exact: true }).count()).toBe(0)
  })

  it('the 退回 reason shows its count and the limit while typing', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR)
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/profile-reviews`)
    const review = ((await res.json()) as { items: { id: number }[] }).items[0]
    await page.goto(`${e2e.stack.baseUrl}/#/reviews/${review.id}`)
    await page.getByRole('button', { name: '退回', exact: true }).click()
    const field = page.getByRole('textbox', { name: '退回原因' })
    await field.fill('照片不清晰')
    await page.getByText(`5/${RETURN_REASON_MAX}`).waitFor()
  })
})

describe('layout', () => {
  it('PC tables keep organisation names on one line, cut with the whole name on hover, and never break inside a word', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/transfers')
    await pcLogin(page, adminOf(OPERATOR), '组织关系转接')
    const cell = page.locator('tbody td.pc-table__col--fromOrg').first()
    await cell.waitFor()
    const style = await cell.evaluate((td) => ({ white: (globalThis as unknown as { getComputedStyle: StyleOf }).getComputedStyle(td).whiteSpace, title: td.getAttribute('title'), text: td.textContent?.trim() }))
    expect(style.white).toBe('nowrap')
    expect(style.title).toBe(style.text)
    const breakAll = await page.locator('td, th').evaluateAll((cells) => cells.filter((c) => (globalThis as unknown as { getComputedStyle: StyleOf }).getComputedStyle(c).wordBreak === 'break-all').length)
    expect(breakAll).toBe(0)
  })

  it('phone titles are balanced: no line of a heading holds a single character', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, COMMITTEE_OPERATOR)
    const heading = page.getByRole('heading', { level: 1 })
    await heading.waitFor()
    const wrap = await heading.evaluate((h) => {
      const style = (globalThis as unknown as { getComputedStyle: StyleOf }).getComputedStyle(h)
      return style.textWrap || style.getPropertyValue('text-wrap-style')
    })
    expect(wrap).toContain('balance')
  })
})

/** The app's one live region (AppAnnouncer): polite, there and silent from the start. */
async function liveRegion(page: Page) {
  const region = page.getByTestId('announcer')
  expect(await region.count()).toBe(1)
  expect(await region.getAttribute('aria-live')).toBe('polite')
  expect(await region.getAttribute('role')).toBe('status')
  expect((await region.textContent())?.trim()).toBe('')
  return {
    /** What the region says once it says `text` (bounded by WAIT_MS through expect.poll's timeout). */
    says: (text: string) => expect.poll(async () => (await region.textContent())?.trim(), { timeout: 15_000 }).toBe(text),
  }
}

describe('screen-reader announcements: a decision made and a batch’s results are said through a live region', () => {
  it('phone: 退回 of a 资料审核 is said with whose application it was', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR)
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/profile-reviews`)
    const review = ((await res.json()) as { items: { id: number; kind: keyof typeof REVIEW_KINDS; member: { name: string } }[] }).items[0]
    await page.goto(`${e2e.stack.baseUrl}/#/reviews/${review.id}`)
    await page.getByRole('button', { name: '退回', exact: true }).waitFor()
    const live = await liveRegion(page)
    await page.getByRole('button', { name: '退回', exact: true }).click()
    await page.getByRole('textbox', { name: '退回原因' }).fill('身份证照片不清晰，请重新上传')
    await page.getByRole('button', { name: '确定退回' }).click()
    await live.says(`已退回${review.member.name}的${REVIEW_KINDS[review.kind]}申请`)
  })

  it('phone: 同意 of a transfer is said', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR)
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/transfers?box=todo&limit=1`)
    const transfer = ((await res.json()) as { items: { id: number; member: { name: string } }[] }).items[0]
    await page.goto(`${e2e.stack.baseUrl}/#/transfers/${transfer.id}`)
    await page.getByRole('button', { name: '同意', exact: true }).waitFor()
    const live = await liveRegion(page)
    await page.getByRole('button', { name: '同意', exact: true }).click()
    await page.getByRole('dialog', { name: '确认同意' }).getByRole('button', { name: '同意', exact: true }).click()
    await live.says(`已同意${transfer.member.name}的组织关系转接申请`)
  })

  it('phone: a batch 同意 says how many succeeded', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, PARENT_OPERATOR, '/transfers')
    await page.getByRole('button', { name: '批量审核' }).click()
    const live = await liveRegion(page)
    const bar = page.getByRole('toolbar', { name: '批量审核' })
    await page.getByRole('checkbox').first().click()
    await bar.getByText('已选 1 项').waitFor()
    await bar.getByRole('button', { name: '同意' }).click()
    await page.getByRole('dialog', { name: '批量同意' }).getByRole('button', { name: '同意', exact: true }).click()
    await page.getByRole('dialog', { name: '批量同意结果' }).waitFor()
    await live.says('批量同意：成功 1 条')
  })

  it('PC: 退回 in the 资料审核 dialog is said with whose application it was', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/reviews')
    await pcLogin(page, adminOf(OPERATOR), '资料审核')
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/profile-reviews`)
    const review = ((await res.json()) as { items: { kind: keyof typeof REVIEW_KINDS; member: { name: string } }[] }).items[0]
    const live = await liveRegion(page)
    await page.locator('tbody tr').filter({ hasText: review.member.name }).first().getByRole('button', { name: '审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByRole('radio', { name: '退回' }).click()
    await dialog.getByRole('textbox', { name: '退回原因' }).fill('户籍地址填写不完整，请补充后重新提交')
    await dialog.getByRole('button', { name: '确定' }).click()
    await live.says(`${review.member.name}的${REVIEW_KINDS[review.kind]}申请已退回`)
  })

  it('PC: a batch 同意 of transfers says how many succeeded and how many did not', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/transfers')
    await pcLogin(page, adminOf(PARENT_OPERATOR), '组织关系转接')
    await page.locator('tbody tr').first().waitFor()
    const live = await liveRegion(page)
    await page.getByRole('checkbox', { name: '全选' }).click()
    await page.getByRole('button', { name: '审核', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '审核转接申请' })
    await dialog.getByRole('radio', { name: /同意$/ }).click()
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/transfers/decisions')
    await dialog.getByRole('button', { name: '确定同意' }).click()
    const { results } = (await (await answered).json()) as { results: { ok: boolean }[] }
    const ok = results.filter((r) => r.ok).length
    const failed = results.length - ok
    await live.says(`批量同意结果：成功 ${ok} 条${failed ? `，未成功 ${failed} 条` : ''}`)
  })
})

describe('the PC 退回 reason counts against the limit while typing', () => {
  it('the count follows what is typed, and describes the field', async () => {
    const page = await desktopPage(e2e.browser)
    await page.goto(e2e.stack.baseUrl + '/pc/#/reviews')
    await pcLogin(page, adminOf(OPERATOR), '资料审核')
    await page.locator('tbody tr').first().getByRole('button', { name: '审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByRole('radio', { name: '退回' }).click()
    const field = dialog.getByRole('textbox', { name: '退回原因' })
    await dialog.getByText(`0/${RETURN_REASON_MAX}`).waitFor()
    await field.pressSequentially('照片不清晰')
    await dialog.getByText(`5/${RETURN_REASON_MAX}`).waitFor()
    await field.fill('核'.repeat(RETURN_REASON_MAX + 10))
    await dialog.getByText(`${RETURN_REASON_MAX}/${RETURN_REASON_MAX}`).waitFor()
    expect(await field.inputValue()).toHaveLength(RETURN_REASON_MAX)
    const describedBy = (await field.getAttribute('aria-describedby'))!
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(`${RETURN_REASON_MAX}/${RETURN_REASON_MAX}`)
  })
})

describe('what the screenshots showed (scripts/screenshots.ts)', () => {
  it('下级待办 in the dark: tags stay on one line beside a long name, and the bars’ track is dark, not a light stripe', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, PARENT_OPERATOR, '/backlog', { colorScheme: 'dark' })
    await page.locator('.backlog-row').first().waitFor()
    await page.locator('.overdue-bars__track').first().waitFor()
    const tags = await page.locator('.backlog-row .van-tag').evaluateAll((els) =>
      els.map((el) => {
        const e = el as unknown as { getBoundingClientRect(): { height: number } }
        const style = (globalThis as unknown as { getComputedStyle: (el: unknown) => { fontSize: string } }).getComputedStyle(el)
        return e.getBoundingClientRect().height / parseFloat(style.fontSize)
      }),
    )
    expect(tags.length).toBeGreaterThan(0)
    for (const lines of tags) expect(lines).toBeLessThan(2)
    const track = await page.locator('.overdue-bars__track').first().evaluate((el) => (globalThis as unknown as { getComputedStyle: (el: unknown) => { backgroundColor: string } }).getComputedStyle(el).backgroundColor)
    const [r, g, b] = track.match(/\d+/g)!.map(Number)
    expect((r + g + b) / 3).toBeLessThan(100)
  })
})
