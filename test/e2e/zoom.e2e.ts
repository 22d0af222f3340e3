/**
 * Text zoom to 200 % (issue #15; WCAG 2.2 1.4.4 Resize Text, 1.4.10 Reflow): on the key pages
 * nothing makes the page scroll sideways and every primary button stays on screen, uncut.
 *
 * - PC at 1366×900: the browser's zoom at 200 % is what a desktop user does; a 1366×900 window
 *   at 200 % lays the page out in 683×450 CSS pixels drawn at scale 2, which is what the
 *   context here is.
 * - Phone at 390×844: the client's text size (WeCom's 字体大小, the system's larger text) makes
 *   the text bigger and keeps the layout width; here every element's computed font size is
 *   doubled once the page has settled.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { apiClient, phoneAs, screenshot, useE2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import type { PageOf } from '../../shared/api/common'

/** 运营者 of the demo's first 团支部; 徐杰 of a 街道团工委 (待分配). */
const OPERATOR = 'zhangwei'
const ALLOCATING_OPERATOR = 'xujie'

const e2e = useE2e({ screenPrefix: 'zoom-' })

type Doc = {
  documentElement: { scrollWidth: number; clientWidth: number }
  querySelectorAll(s: string): ArrayLike<{ style: { setProperty(k: string, v: string, p: string): void } }>
}
type Win = { getComputedStyle(el: unknown): { fontSize: string } }

/** Every element's font size doubled, as the phone's larger text does (pseudo-element icons aside). */
async function doubleText(page: Page) {
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc }).document
    const win = globalThis as unknown as Win
    const all = Array.from(doc.querySelectorAll('body *'))
    const sizes = all.map((el) => parseFloat(win.getComputedStyle(el).fontSize))
    all.forEach((el, i) => el.style.setProperty('font-size', `${sizes[i] * 2}px`, 'important'))
  })
}

/**
 * What goes wrong at 200 %, as lines: the page wider than the window, a primary button off
 * screen or with its words cut. `buttons` are the ones the page must offer.
 */
async function problems(page: Page, where: string, buttons: (string | RegExp)[]): Promise<string[]> {
  const found: string[] = []
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const el = (globalThis as unknown as { document: Doc }).document.documentElement
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }
  })
  if (scrollWidth > clientWidth) found.push(`${where}: the page is ${scrollWidth}px wide in a ${clientWidth}px window`)
  // Text cut at the bottom: a box that hides what overflows it (e.g. an ellipsis) but is lower than its own text.
  const clipped = await page.evaluate(() => {
    type El = { className: unknown; tagName: string; scrollHeight: number; clientHeight: number; childNodes: ArrayLike<{ nodeType: number; textContent: string | null }> }
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document
    const win = globalThis as unknown as { getComputedStyle(el: unknown): { overflowY: string; display: string } }
    return Array.from(doc.querySelectorAll('body *'))
      .filter((el) => ['hidden', 'clip'].includes(win.getComputedStyle(el).overflowY) && el.clientHeight > 0)
      .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim()))
      .filter((el) => el.scrollHeight > el.clientHeight + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`)
  })
  for (const c of new Set(clipped)) found.push(`${where}: text cut at the bottom in ${c}`)
  const width = page.viewportSize()!.width
  for (const name of buttons) {
    const button = page.getByRole('button', { name, exact: true }).filter({ visible: true }).first()
    await button.waitFor().catch(() => undefined)
    if (!(await button.count())) {
      found.push(`${where}: no visible button ${name}`)
      continue
    }
    await button.scrollIntoViewIfNeeded()
    const box = (await button.boundingBox())!
    if (box.x < 0 || box.x + box.width > width + 0.5) found.push(`${where}: ${name} is off screen (${Math.round(box.x)}–${Math.round(box.x + box.width)} of ${width})`)
    // The words' box inside the button's (Vant's ::before overlay overflows every button by its border: scroll sizes would not tell).
    const cut = await button.evaluate((el) => {
      type Box = { left: number; right: number; top: number; bottom: number }
      const b = el as unknown as { getBoundingClientRect(): Box; querySelector(s: string): { getBoundingClientRect(): Box } | null }
      const outer = b.getBoundingClientRect()
      const words = (b.querySelector('.van-button__text') ?? b).getBoundingClientRect()
      return words.left < outer.left - 1 || words.right > outer.right + 1 || words.top < outer.top - 1 || words.bottom > outer.bottom + 1
    })
    if (cut) found.push(`${where}: the words of ${name} are cut`)
  }
  return found
}

/** A PC window of 1366×900 at 200 % zoom. */
async function zoomedDesktop() {
  const context = await e2e.browser.newContext({ viewport: { width: 683, height: 450 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  return context.newPage()
}

describe('text zoom to 200 %', () => {
  it('on the phone (390×844, text twice as big): no page scrolls sideways, primary buttons stay on screen and whole', { timeout: 180_000 }, async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR)
    const api = await apiClient(page, e2e.stack.baseUrl)
    const review = (await api.get<PageOf<{ id: number }>>('/api/profile-reviews')).items[0]
    const transfer = (await api.get<PageOf<{ id: number }>>('/api/transfers?box=todo&limit=1')).items[0]
    const member = (await api.get<PageOf<{ id: number }>>('/api/members?limit=1')).items[0]
    const found: string[] = []
    // [hash, name, the buttons it must offer, the screenshot's name]
    const pages: [string, string, string[], string][] = [
      ['/', '首页', [], 'home'],
      ['/reviews', '资料审核', [], 'reviews'],
      [`/reviews/${review.id}`, '资料审核详情', ['退回'], 'review'],
      ['/transfers', '转接 待审核', [], 'transfers'],
      [`/transfers/${transfer.id}`, '转接详情', ['退回', '同意'], 'transfer'],
      ['/handled', '已审核', [], 'handled'],
      ['/members', '团员查询', [], 'members'],
      [`/members/${member.id}`, '团员资料', [], 'member'],
      ['/mine', '我的', ['退出登录'], 'mine'],
    ]
    for (const [hash, name, buttons, shot] of pages) {
      // A fresh load each time: a hash change alone keeps the lists alive, and text enlarged on one page would stay.
      await page.goto('about:blank')
      await page.goto(`${e2e.stack.baseUrl}/#${hash}`)
      await page.locator('.van-nav-bar__title, h1, .mine__who').filter({ visible: true }).first().waitFor()
      await page.locator('.app-skeleton-list').filter({ visible: true }).waitFor({ state: 'detached' })
      await page.waitForLoadState('networkidle')
      for (const b of buttons) await page.getByRole('button', { name: b, exact: true }).first().waitFor()
      await doubleText(page)
      found.push(...(await problems(page, `phone ${name}`, buttons)))
      await screenshot(page, `zoom-phone-${shot}`, { fullPage: false })
    }

    const committee = await phoneAs(e2e.browser, e2e.stack, ALLOCATING_OPERATOR, '/allocations')
    await committee.locator('.alloc-card').first().waitFor()
    await doubleText(committee)
    found.push(...(await problems(committee, 'phone 待分配', [/^分配/])))
    await screenshot(committee, 'zoom-phone-allocations', { fullPage: false })
    expect(found).toEqual([])
  })

  it('on the PC (1366×900 at 200 %): no page scrolls sideways, primary buttons stay on screen and whole', { timeout: 180_000 }, async () => {
    const page = await zoomedDesktop()
    const found: string[] = []
    await page.goto(e2e.stack.baseUrl + '/pc/')
    await page.getByLabel('组织账号').waitFor()
    found.push(...(await problems(page, 'pc 登录', ['登录'])))
    await screenshot(page, 'zoom-pc-login', { fullPage: false })
    await page.getByLabel('组织账号').fill(e2e.stack.account(OPERATOR).orgCode)
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { name: '我的团员' }).waitFor()

    const api = await apiClient(page, e2e.stack.baseUrl)
    const transfer = (await api.get<PageOf<{ id: number }>>('/api/transfers?box=todo&limit=1')).items[0]
    // [hash, heading, the buttons it must offer, the screenshot's name]
    const pages: [string, string, string[], string][] = [
      ['/members', '我的团员', ['查询', '资料审核'], 'members'],
      ['/reviews', '资料审核', ['查询'], 'reviews'],
      ['/transfers', '组织关系转接', ['查询', '审核'], 'transfers'],
      [`/transfers/${transfer.id}`, '转接详情', ['审核'], 'transfer'],
      ['/transfers/new', '发起转接', ['提交'], 'transfer-new'],
      ['/password', '修改密码', ['确定修改'], 'password'],
    ]
    for (const [hash, heading, buttons, shot] of pages) {
      await page.goto(`${e2e.stack.baseUrl}/pc/#${hash}`)
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor()
      await page.waitForLoadState('networkidle')
      found.push(...(await problems(page, `pc ${heading}`, buttons)))
      await screenshot(page, `zoom-pc-${shot}`, { fullPage: false })
    }
    expect(found).toEqual([])
  })
})
