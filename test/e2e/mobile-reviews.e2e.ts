/**
 * 资料审核 on the phone (issue #4; seed §2(1); docs/DOMAIN.md §3–§4) in real Chromium at 390×844
 * inside WeCom, logged in through the simulator: what a branch operator sees while approving,
 * returning, running into the real-name gate, reading a 修改资料, and losing a race with a
 * colleague. Coming back to a long list: mobile-reviews-long-list.e2e.ts.
 */
import { describe, expect, it } from 'vitest'
import type { Page, Route } from 'playwright-core'
import type { ProfileReviewDetail } from '../../shared/api/reviews'
import { apiClient, pathOf, phoneAs, useE2e, wwCalls } from './harness'
import { branchReviews, card, COLLEAGUE, dialog, isDecision, onList, openFromList, OPERATOR, shot, toast } from './phone-reviews'

const e2e = useE2e({ screenPrefix: 'mobile-' })
const { pendingReviews, aPendingReview, memberStatus } = branchReviews(e2e)

/** The 资料审核 entry of the home page and the number on its badge. */
async function homeBadge(page: Page): Promise<number> {
  const badge = page.locator('a', { hasText: '资料审核' }).getByLabel(/条待审核$/)
  await badge.waitFor()
  return Number(await badge.textContent())
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
    await page.waitForURL(onList)
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
    await page.waitForURL(onList)
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

    await page.waitForURL(onList)
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
