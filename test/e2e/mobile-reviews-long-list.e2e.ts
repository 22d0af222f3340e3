/**
 * 资料审核 on the phone as a long list (docs/DOMAIN.md §3–§4): a September intake of new
 * registrations fills two pages; going to a request and back, or returning one deep in the
 * list, leaves the operator where they were. Real Chromium at 390×844 inside WeCom.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { idCardCheckChar } from '../../shared/idcard'
import { PAGE_LIMIT_DEFAULT } from '../../shared/limits'
import { phoneAs, useE2e, WAIT_MS } from './harness'
import { branchReviews, card, dialog, onList, openFromList, OPERATOR, shot, toast, type PendingReview } from './phone-reviews'

const e2e = useE2e({ screenPrefix: 'mobile-' })
const { pendingReviews } = branchReviews(e2e)

/** The little of the page's window these tests read (the node project has no DOM types). */
interface InPage {
  scrollY: number
  __rowCounts: number[]
  document: { body: unknown; querySelectorAll(selector: string): { length: number } }
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void }
}

describe('资料审核 as a long list', () => {
  /** A September intake: two pages of new registrations (36 names: 6 surnames × 6 given names). */
  const NEWCOMERS = ['林', '陈', '黄', '吴', '郑', '谢'].flatMap((surname) => ['子涵', '雨桐', '梓轩', '欣怡', '浩然', '思彤'].map((given) => surname + given))

  /** September intake: registrations arrive through the member-facing system (docs/CONTRACT.md integration API). */
  async function submitRegistrations(names: string[]) {
    for (const [i, name] of names.entries()) {
      const first17 = `44030520070901${String(900 + i).padStart(3, '0')}` // born 2007-09-01, sequence 9xx
      const res = await fetch(`${e2e.stack.baseUrl}/integration/v1/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${e2e.stack.config.integrationToken}` },
        body: JSON.stringify({
          org: e2e.stack.account(OPERATOR).orgCode,
          name,
          idCard: first17 + idCardCheckChar(first17),
          mobile: `137200${String(10000 + i)}`,
          nation: '汉族',
          education: '本科在读',
          occupation: '学生',
          politicalOutlook: '共青团员',
          leagueSince: '2022-05',
          income: '2000元以下',
        }),
      })
      if (res.status !== 201) throw new Error(`registration of ${name} refused: ${res.status} ${await res.text()}`)
    }
  }

  beforeAll(() => submitRegistrations(NEWCOMERS))

  /** Scrolls the 资料审核 list down to `name`, past page ends (each loads the next page), and answers the scroll position. */
  async function scrollTo(page: Page, all: PendingReview[], name: string): Promise<number> {
    const at = all.findIndex((r) => r.name === name)
    for (let end = PAGE_LIMIT_DEFAULT - 1; end < at; end += PAGE_LIMIT_DEFAULT) await card(page, all[end].name).scrollIntoViewIfNeeded()
    await card(page, name).scrollIntoViewIfNeeded()
    return page.evaluate(() => (globalThis as unknown as InPage).scrollY)
  }

  /** `name`'s row lies fully inside the phone's viewport. */
  async function expectInView(page: Page, name: string) {
    const box = await card(page, name).boundingBox()
    expect(box, `${name} is on screen`).not.toBeNull()
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.y + box!.height).toBeLessThanOrEqual(844)
  }

  it('going list → detail → back returns to the same place in the list, pages down', async () => {
    const all = await pendingReviews(OPERATOR)
    expect(all.length).toBeGreaterThan(PAGE_LIMIT_DEFAULT)
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    const target = all[all.length - 2]
    const scrolled = await scrollTo(page, all, target.name)
    expect(scrolled).toBeGreaterThan(844)
    await shot(page, 'mobile-reviews-long-list')

    await openFromList(page, target)
    await page.getByText('返回').click()
    await page.waitForURL(onList)
    await page.waitForFunction((y) => Math.abs((globalThis as unknown as InPage).scrollY - y) <= 2, scrolled, { timeout: WAIT_MS })
    await expectInView(page, target.name)
    await shot(page, 'mobile-reviews-long-list-back')
  })

  it('after 退回 of a request deep in the list, back shows its neighbours where they were, not the top of the list', async () => {
    const all = await pendingReviews(OPERATOR)
    expect(all.length).toBeGreaterThan(PAGE_LIMIT_DEFAULT)
    // Failed past the re-check window: wrong data is returned, and the member registers again (docs/DOMAIN.md §4).
    const index = all.findLastIndex((r, i) => i >= PAGE_LIMIT_DEFAULT && i < all.length - 1 && r.kind === 'registration' && r.realName === 'failed')
    expect(index, 'a failed registration on the second page').toBeGreaterThan(0)
    const [before, target, after] = all.slice(index - 1, index + 2)
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    await scrollTo(page, all, target.name)

    await openFromList(page, target)
    await page.getByRole('button', { name: '退回', exact: true }).click()
    const dlg = dialog(page, `退回${target.name}的团员报到申请`)
    await dlg.getByRole('textbox').fill('身份证号码与姓名不一致，请核对后重新提交')
    // Every number of rows the list shows from now on: reloading must not shrink it to page one.
    await page.evaluate(() => {
      const w = globalThis as unknown as InPage
      const counts: number[] = (w.__rowCounts = [])
      new w.MutationObserver(() => {
        const n = w.document.querySelectorAll('a.app-card').length
        if (n) counts.push(n)
      }).observe(w.document.body, { childList: true, subtree: true })
    })
    // Back on the list, it reloads quietly (the decision changed it).
    const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/profile-reviews' && new URL(r.url()).searchParams.get('state') === 'pending')
    await dlg.getByRole('button', { name: '确定退回' }).click()
    await toast(page, '已退回').waitFor()
    await page.waitForURL(onList)
    await card(page, target.name).waitFor({ state: 'detached' })
    await reloaded
    await page.getByText('没有更多了').waitFor()
    const counts = await page.evaluate(() => (globalThis as unknown as InPage).__rowCounts)
    expect(Math.min(...counts)).toBe(all.length - 1)
    await expectInView(page, after.name)
    await shot(page, 'mobile-reviews-long-list-after-return')
    expect(await card(page, before.name).count()).toBe(1)
  })
})
