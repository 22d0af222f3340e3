/**
 * 资料审核 on the phone (issue #4; seed §2(1); docs/DOMAIN.md §3–§4) in real Chromium at 390×844
 * inside WeCom, logged in through the simulator: what a branch operator sees while approving,
 * returning, running into the real-name gate, reading a 修改资料, losing a race with a
 * colleague, and coming back to a long list.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page, Route } from 'playwright-core'
import type { ProfileReviewDetail } from '../../shared/api/reviews'
import type { RealNameStatus, ReviewKind } from '../../shared/reviews'
import { idCardCheckChar } from '../../shared/idcard'
import { PAGE_LIMIT_DEFAULT } from '../../shared/limits'
import { apiClient, pathOf, phoneAs, screenshot, useE2e, WAIT_MS, wwCalls } from './harness'

/** Two 运营者 and a 团干 of the same 团支部 in the demo data (docs/DOMAIN.md §1). */
const OPERATOR = 'zhangwei'
const COLLEAGUE = 'lina'

const e2e = useE2e({ screenPrefix: 'mobile-' })

interface PendingReview {
  id: number
  memberId: number
  name: string
  kind: ReviewKind
  realName: RealNameStatus
  submittedAt: string
}

/** The pending 资料审核 requests of `userid`'s branch, straight from the database. */
async function pendingReviews(userid: string, where: { kind?: ReviewKind; realName?: RealNameStatus } = {}): Promise<PendingReview[]> {
  let q = e2e.stack.ctx.db
    .selectFrom('profile_reviews as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'm.id as memberId', 'm.name', 'r.kind', 'm.realname_status as realName', 'r.submitted_at as submittedAt'])
    .where('o.code', '=', e2e.stack.account(userid).orgCode)
    .where('r.state', '=', 'pending')
  if (where.kind) q = q.where('r.kind', '=', where.kind)
  if (where.realName) q = q.where('m.realname_status', '=', where.realName)
  return q.orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc').execute()
}

/** One pending request of the operator's branch; the test cannot run without it. */
async function aPendingReview(where: { kind?: ReviewKind; realName?: RealNameStatus }, pick: (r: PendingReview) => boolean = () => true) {
  const found = (await pendingReviews(OPERATOR, where)).find(pick)
  if (!found) throw new Error(`the demo data has no pending review like ${JSON.stringify(where)} left`)
  return found
}

/** The little of the page's window these tests read (the node project has no DOM types). */
interface InPage {
  scrollY: number
  __rowCounts: number[]
  document: { body: unknown; querySelectorAll(selector: string): { length: number } }
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void }
}

const memberStatus = async (memberId: number) =>
  (await e2e.stack.ctx.db.selectFrom('members').select('profile_status').where('id', '=', memberId).executeTakeFirstOrThrow()).profile_status

const isDecision = (id: number) => (url: URL) => url.pathname === `/api/profile-reviews/${id}/decision`

/** The row of `name` in the list on screen. */
const card = (page: Page, name: string) => page.getByRole('link').filter({ hasText: name })
/** The open Vant dialog that says `text` (Vant's aria-labelledby holds text, not an id: filter by content). */
const dialog = (page: Page, text: string) => page.getByRole('dialog').filter({ hasText: text })
const toast = (page: Page, text: string) => page.locator('.van-toast').filter({ hasText: text })
/** What the phone shows (the viewport): fixed bars, dialogs and toasts where the operator sees them. */
const shot = (page: Page, name: string) => screenshot(page, name, { fullPage: false })

/** The 资料审核 entry of the home page and the number on its badge. */
async function homeBadge(page: Page): Promise<number> {
  const badge = page.locator('a', { hasText: '资料审核' }).getByLabel(/条待审核$/)
  await badge.waitFor()
  return Number(await badge.textContent())
}

/** Opens the detail of `review` from the 资料审核 list. */
async function openFromList(page: Page, review: PendingReview) {
  await card(page, review.name).click()
  await page.waitForURL((u) => u.hash === `#/reviews/${review.id}`)
  await page.locator('.review-head').getByText(review.name).waitFor()
}

describe('资料审核 refuses what a phone must not do, and says why', () => {
  it('同意 on a registration whose real-name check failed says "该团员身份证校验未通过，请到PC端进行审核" and copies the PC link through WeCom', async () => {
    // Failed within the last 24 hours: the automatic re-check is still scheduled (docs/DOMAIN.md §4).
    const review = await aPendingReview({ kind: 'registration', realName: 'failed' }, (r) => Date.now() - Date.parse(r.submittedAt) < 24 * 3_600_000)
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    await card(page, review.name).getByText('实名未通过').waitFor()
    await openFromList(page, review)
    await page.getByText('系统将在24小时内自动复核').waitFor()
    await shot(page, 'mobile-review-realname-failed')

    const decisions: string[] = []
    page.on('request', (r) => isDecision(review.id)(new URL(r.url())) && decisions.push(r.method()))
    // The primary 同意 would only fail: the bar says why and offers the way to the PC instead.
    await page.getByText('实名认证未通过，手机上不能同意').waitFor()
    expect(await page.getByRole('button', { name: '同意', exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: '到PC端审核' }).click()
    const gate = dialog(page, '请到PC端审核')
    await gate.getByText('该团员身份证校验未通过，请到PC端进行审核').waitFor()
    await gate.getByText(e2e.stack.config.pcSiteUrl, { exact: true }).waitFor()
    await shot(page, 'mobile-review-realname-failed-gate')

    await gate.getByRole('button', { name: '复制PC端链接' }).click()
    await toast(page, '链接已复制，请在电脑浏览器中打开').waitFor()
    await gate.waitFor({ state: 'hidden' })
    await shot(page, 'mobile-review-realname-failed-copied')

    const copies = (await wwCalls(page)).filter((c) => c.name === 'setClipboardData')
    expect(copies.map((c) => (c.params as { data?: string }).data)).toEqual([e2e.stack.config.pcSiteUrl])
    expect(decisions).toEqual([]) // the phone never tried to approve
    expect(await memberStatus(review.memberId)).toBe('registration_pending')
  })

  it('同意 on a registration whose real-name check is still running explains that approval waits for the check', async () => {
    const review = await aPendingReview({ kind: 'registration', realName: 'pending' })
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    await openFromList(page, review)
    await page.getByText('实名认证校验中，暂时无法审核，请稍后再来。').waitFor()

    await page.getByText('实名认证校验中，校验完成后才能同意').waitFor()
    expect(await page.getByRole('button', { name: '同意', exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: '校验中，暂不能同意' }).click()
    const gate = dialog(page, '实名认证校验中')
    await gate.getByText('校验完成后即可审核').waitFor()
    await shot(page, 'mobile-review-realname-pending-gate')
    await gate.getByRole('button', { name: '知道了' }).click()
    await gate.waitFor({ state: 'hidden' })

    expect(pathOf(page)).toBe(`/#/reviews/${review.id}`)
    expect(await memberStatus(review.memberId)).toBe('registration_pending')
  })

  it('退回 requires a reason with a counter, keeps the dialog and the text while the network fails, and closes only once the server accepted', async () => {
    const review = await aPendingReview({ kind: 'registration', realName: 'passed' })
    const reason = '照片不清晰，请重新上传本人近期免冠照片'
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    await openFromList(page, review)

    await page.getByRole('button', { name: '退回', exact: true }).click()
    const dlg = dialog(page, `退回${review.name}的团员报到申请`)
    await dlg.getByText('0/249').waitFor()
    await dlg.getByRole('button', { name: '确定退回' }).click()
    await dlg.getByText('请填写退回原因').waitFor()
    await shot(page, 'mobile-review-return-required')

    await dlg.getByRole('textbox').fill(reason)
    await dlg.getByText(`${reason.length}/249`).waitFor()
    await shot(page, 'mobile-review-return-filled')

    // The first try is held, then lost: the dialog stays open with a busy button, then says why.
    let hold!: (route: Route) => void
    const held = new Promise<Route>((resolve) => (hold = resolve))
    await page.route((u) => isDecision(review.id)(u), (route) => hold(route), { times: 1 })
    await dlg.getByRole('button', { name: '确定退回' }).click()
    const first = await held
    await dlg.locator('.van-dialog__confirm.van-button--loading').waitFor()
    await first.abort('internetdisconnected')
    await dlg.getByText('网络异常，请检查网络后重试').waitFor()
    expect(await dlg.getByRole('textbox').inputValue()).toBe(reason)
    await shot(page, 'mobile-review-return-network-error')

    const accepted = page.waitForResponse((r) => isDecision(review.id)(new URL(r.url())))
    await dlg.getByRole('button', { name: '确定退回' }).click()
    expect((await accepted).status()).toBe(200)
    await toast(page, '已退回').waitFor()
    await dlg.waitFor({ state: 'hidden' })
    await page.waitForURL((u) => u.hash.startsWith('#/reviews') && !u.hash.startsWith(`#/reviews/`))
    await card(page, review.name).waitFor({ state: 'detached' })

    await page.getByRole('tab', { name: '已审核' }).click()
    const returned = card(page, review.name)
    await returned.getByText(`退回原因：${reason}`).waitFor()
    await returned.getByText('已退回').waitFor()
    await shot(page, 'mobile-reviews-handled-after-return')
    expect(await memberStatus(review.memberId)).toBe('registration_returned')
  })

  it('a request a colleague decided meanwhile answers "该申请已被处理" and the page shows the colleague\'s decision', async () => {
    const review = await aPendingReview({ kind: 'change' })
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    await openFromList(page, review)

    // 李娜, the branch's other 运营者, approves it on her phone first.
    const colleague = await apiClient(await phoneAs(e2e.browser, e2e.stack, COLLEAGUE), e2e.stack.baseUrl)
    const current = await colleague.get<ProfileReviewDetail>(`/api/profile-reviews/${review.id}`)
    const theirs = await colleague.post(`/api/profile-reviews/${review.id}/decision`, { decision: 'approve', version: current.version })
    expect(theirs.status).toBe(200)

    await page.getByRole('button', { name: '同意', exact: true }).click()
    const conflict = page.waitForResponse((r) => isDecision(review.id)(new URL(r.url())))
    await dialog(page, '确认同意').getByRole('button', { name: '同意', exact: true }).click()
    expect((await conflict).status()).toBe(409)
    await toast(page, '该申请已被处理').waitFor()
    await shot(page, 'mobile-review-conflict')

    // Refreshed in place: the result and who decided, no decision bar.
    await page.locator('.review-head').getByText('已通过').waitFor()
    await page.getByText(e2e.stack.account(COLLEAGUE).name, { exact: true }).waitFor()
    await page.getByRole('button', { name: '同意', exact: true }).waitFor({ state: 'detached' })
    await shot(page, 'mobile-review-conflict-refreshed')

    await page.getByText('返回').click()
    await page.waitForURL((u) => u.hash.startsWith('#/reviews') && !u.hash.startsWith('#/reviews/'))
    await card(page, review.name).waitFor({ state: 'detached' })
  })
})

describe('资料审核 decisions on the phone', () => {
  it('同意 asks for confirmation, says 已同意, drops the request from the list and lowers the home badge by one', async () => {
    const review = await aPendingReview({ kind: 'registration', realName: 'passed' })
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/')
    await page.getByRole('heading', { name: e2e.stack.account(OPERATOR).orgName }).waitFor()
    const before = await homeBadge(page)
    expect(before).toBe((await pendingReviews(OPERATOR)).length)
    await shot(page, 'mobile-home')

    await page.getByRole('link', { name: /资料审核/ }).click()
    await page.locator('.van-nav-bar__title', { hasText: '资料审核' }).waitFor()
    await card(page, review.name).waitFor()
    await shot(page, 'mobile-reviews-list')

    await openFromList(page, review)
    await page.getByText('姓名与身份证号码已通过实名校验。').waitFor()
    await shot(page, 'mobile-review-detail')

    await page.getByRole('button', { name: '同意', exact: true }).click()
    const confirm = dialog(page, '确认同意')
    await confirm.getByText(`确定同意${review.name}的团员报到申请吗？`).waitFor()
    await shot(page, 'mobile-review-approve-confirm')
    const accepted = page.waitForResponse((r) => isDecision(review.id)(new URL(r.url())))
    await confirm.getByRole('button', { name: '同意', exact: true }).click()
    expect((await accepted).status()).toBe(200)
    await toast(page, '已同意').waitFor()

    await page.waitForURL((u) => u.hash.startsWith('#/reviews') && !u.hash.startsWith('#/reviews/'))
    await card(page, review.name).waitFor({ state: 'detached' })
    await shot(page, 'mobile-reviews-list-after-approve')

    await page.getByText('返回').click()
    await page.locator('a', { hasText: '资料审核' }).getByLabel(`${before - 1}条待审核`).waitFor()
    await shot(page, 'mobile-home-after-approve')
    expect(await memberStatus(review.memberId)).toBe('approved')
  })

  it('a 修改资料 request shows only what changes, as 申请项目 | 申请前 | 申请内容', async () => {
    const review = await aPendingReview({ kind: 'change' })
    const page = await phoneAs(e2e.browser, e2e.stack, OPERATOR, '/reviews')
    const detail = await (await apiClient(page, e2e.stack.baseUrl)).get<ProfileReviewDetail>(`/api/profile-reviews/${review.id}`)
    expect(detail.changes.length).toBeGreaterThan(0)

    await card(page, review.name).getByText('修改资料').waitFor()
    await openFromList(page, review)
    const table = page.getByRole('table')
    const header = table.getByRole('row').first()
    expect((await header.getByRole('columnheader').allTextContents()).map((t) => t.trim())).toEqual(['申请项目', '申请前', '申请内容'])
    for (const c of detail.changes) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: c.label, exact: true }) })
      const cells = (await row.getByRole('cell').allTextContents()).map((t) => t.trim())
      expect(cells).toEqual([c.before ?? '—', c.after ?? '—'])
    }
    expect(await table.getByRole('row').count()).toBe(detail.changes.length + 1)
    await table.scrollIntoViewIfNeeded()
    await shot(page, 'mobile-review-change-table')
  })
})

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
    await page.waitForURL((u) => u.hash.startsWith('#/reviews') && !u.hash.startsWith('#/reviews/'))
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
    await page.waitForURL((u) => u.hash.startsWith('#/reviews') && !u.hash.startsWith('#/reviews/'))
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
