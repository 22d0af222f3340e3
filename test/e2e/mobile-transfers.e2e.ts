/**
 * 组织关系转接 on the phone (issue #4; seed §1(2), §2(2); docs/DOMAIN.md §5) in real Chromium at
 * 390×844 inside WeCom, logged in through the simulator: an approval that hands the
 * application to the next organisation, a batch 退回 with its per-item summary, and a
 * decision a colleague made first.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { PageOf } from '../../shared/api/common'
import type { TransferDetail, TransferItem } from '../../shared/api/transfers'
import { STEP_ROLES, STEP_STATES, type StepRole } from '../../shared/transfers'
import { apiClient, type ApiClient, phoneAs, screenshot, useE2e } from './harness'

/** 运营者 in the demo data (docs/DOMAIN.md §1): two of one 团支部, two of its parent 团总支. */
const BRANCH_OPERATOR = 'zhangwei'
const BRANCH_COLLEAGUE = 'lina'
const PARENT_OPERATOR = 'yangfan'
const PARENT_COLLEAGUE = 'zhouqiang'

const e2e = useE2e({ screenPrefix: 'mobile-' })

/** The row of `name` in the list on screen (a link, or a checkbox in batch mode). */
const card = (page: Page, name: string) => page.locator('.app-card').filter({ hasText: name })
const dialog = (page: Page, text: string) => page.getByRole('dialog').filter({ hasText: text })
const toast = (page: Page, text: string) => page.locator('.van-toast').filter({ hasText: text })
const shot = (page: Page, name: string) => screenshot(page, name, { fullPage: false })
const isDecision = (id: number) => (u: URL) => u.pathname === `/api/transfers/${id}/decision`
const onList = (u: URL) => u.hash.startsWith('#/transfers') && !u.hash.startsWith('#/transfers/')
/** The 转接进度 node of `role` (its label exactly: 转出团支部 is also the start of 转出团支部的上级). */
const timelineNode = (page: Page, role: StepRole) =>
  page.locator('.transfer-timeline__node').filter({ has: page.locator('.transfer-timeline__role').getByText(STEP_ROLES[role], { exact: true }) })

/** The 待审核 queue of the session behind `api`, oldest wait first (as the list shows it). */
async function todo(api: ApiClient): Promise<TransferItem[]> {
  return (await api.get<PageOf<TransferItem>>('/api/transfers?box=todo&limit=100')).items
}

/** The organisation after this one on the route, and a demo 运营者 of it who logs in with WeCom. */
function nextNodeOf(t: TransferDetail) {
  const current = t.steps.find((s) => s.state === 'pending')!
  const next = t.steps.filter((s) => s.seq > current.seq && s.state === 'waiting').sort((a, b) => a.seq - b.seq)[0]
  const operator = next && e2e.stack.accounts.find((a) => a.orgCode === next.org.code && a.kind === 'operator' && a.wecomUserId)
  return next && operator ? { step: next, userid: operator.wecomUserId!, name: operator.name, orgName: operator.orgName } : null
}

/** An application waiting at the session's organisation whose next node has a WeCom 运营者 (docs/DOMAIN.md §5 route). */
async function aTransferHandedOnFrom(api: ApiClient) {
  for (const item of await todo(api)) {
    const target = await api.get<TransferDetail>(`/api/transfers/${item.id}`)
    const next = nextNodeOf(target)
    if (next) return { target, next }
  }
  throw new Error('the demo data has no transfer here whose next node has a WeCom operator')
}

/**
 * Pulls the list down and lets go, as a thumb would: real touch events through the DevTools
 * protocol (Playwright has taps, not swipes), so van-pull-refresh reloads the list.
 */
async function pullToRefresh(page: Page) {
  const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/transfers' && r.request().method() === 'GET')
  const cdp = await page.context().newCDPSession(page)
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y?: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: y === undefined ? [] : [{ x: 195, y }] })
  await touch('touchStart', 240)
  for (let y = 260; y <= 480; y += 20) await touch('touchMove', y)
  await touch('touchEnd')
  await cdp.detach()
  expect((await reloaded).status()).toBe(200)
}

describe('待审核 when someone else was faster', () => {
  it('退回 of an application a colleague approved meanwhile answers "该申请已被处理" and the page shows the colleague\'s 同意', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, BRANCH_OPERATOR, '/transfers')
    const mine = await apiClient(page, e2e.stack.baseUrl)
    const [target] = await todo(mine)
    expect(target, 'the demo branch has transfers waiting').toBeDefined()
    await card(page, target.member.name).click()
    await page.waitForURL((u) => u.hash === `#/transfers/${target.id}`)
    await page.getByRole('button', { name: '退回', exact: true }).waitFor()

    const colleague = await apiClient(await phoneAs(e2e.browser, e2e.stack, BRANCH_COLLEAGUE), e2e.stack.baseUrl)
    const theirs = await colleague.post<TransferDetail>(`/api/transfers/${target.id}/decision`, { decision: 'approve', version: target.version })
    expect(theirs.status).toBe(200)
    const nowAt = theirs.body.currentStep!.org.name

    await page.getByRole('button', { name: '退回', exact: true }).click()
    const dlg = dialog(page, `退回${target.member.name}的组织关系转接申请`)
    await dlg.getByRole('textbox').fill('转入团支部名称填写有误，请核对后重新申请')
    const conflict = page.waitForResponse((r) => isDecision(target.id)(new URL(r.url())))
    await dlg.getByRole('button', { name: '确定退回' }).click()
    expect((await conflict).status()).toBe(409)
    await toast(page, '该申请已被处理').waitFor()
    await dlg.waitFor({ state: 'hidden' })
    await shot(page, 'mobile-transfer-conflict')

    // Refreshed in place: this node agreed by the colleague, no decision bar any more.
    const step = timelineNode(page, target.currentStep!.role)
    await step.getByText(STEP_STATES.approved, { exact: true }).waitFor()
    await step.getByText(e2e.stack.account(BRANCH_COLLEAGUE).name).waitFor()
    await page.getByRole('button', { name: '退回', exact: true }).waitFor({ state: 'detached' })
    await page.locator('.transfer-head').getByText(`现由${nowAt}审核`).waitFor()
    await shot(page, 'mobile-transfer-conflict-refreshed')

    await page.getByText('返回').click()
    await page.waitForURL(onList)
    await card(page, target.member.name).waitFor({ state: 'detached' })
  })
})

describe('待审核 decisions on the phone', () => {
  it('an application approved here leaves this 待审核 and appears in the 待审核 of the next organisation on the route', async () => {
    const page = await phoneAs(e2e.browser, e2e.stack, BRANCH_OPERATOR, '/')
    await page.getByRole('heading', { name: e2e.stack.account(BRANCH_OPERATOR).orgName }).waitFor()
    const { target, next } = await aTransferHandedOnFrom(await apiClient(page, e2e.stack.baseUrl))
    const name = target.member.name

    // The next organisation's operator does not have it yet.
    const other = await phoneAs(e2e.browser, e2e.stack, next.userid, '/transfers')
    await other.locator('.van-nav-bar__title', { hasText: '待审核' }).waitFor()
    await other.locator('.app-skeleton-list').waitFor({ state: 'detached' })
    expect(await card(other, name).count()).toBe(0)
    await shot(other, 'mobile-transfers-next-before')

    await page.getByRole('link', { name: /组织关系转接/ }).click()
    await card(page, name).waitFor()
    await shot(page, 'mobile-transfers-list')
    await card(page, name).click()
    await page.waitForURL((u) => u.hash === `#/transfers/${target.id}`)
    await page.getByText('转接进度').waitFor()
    await shot(page, 'mobile-transfer-detail')
    await screenshot(page, 'mobile-transfer-detail-full')

    await page.getByRole('button', { name: '同意', exact: true }).click()
    const confirm = dialog(page, '确认同意')
    await confirm.getByText(`确定同意${name}的组织关系转接申请吗？`).waitFor()
    await shot(page, 'mobile-transfer-approve-confirm')
    const accepted = page.waitForResponse((r) => isDecision(target.id)(new URL(r.url())))
    await confirm.getByRole('button', { name: '同意', exact: true }).click()
    expect((await accepted).status()).toBe(200)
    await toast(page, '已同意').waitFor()
    await page.waitForURL(onList)
    await card(page, name).waitFor({ state: 'detached' })
    await shot(page, 'mobile-transfers-list-after-approve')

    // The next operator pulls the list down and finds it, waiting at their node.
    await pullToRefresh(other)
    const arrived = card(other, name)
    await arrived.getByText(`${STEP_ROLES[next.step.role]}审核`).waitFor()
    await arrived.scrollIntoViewIfNeeded()
    await shot(other, 'mobile-transfers-next-after')
    await arrived.click()
    await other.waitForURL((u) => u.hash === `#/transfers/${target.id}`)
    const done = timelineNode(other, target.currentStep!.role)
    await done.getByText(e2e.stack.account(BRANCH_OPERATOR).name).waitFor()
    await other.getByRole('button', { name: '同意', exact: true }).waitFor()
    await shot(other, 'mobile-transfer-detail-next')
  })

  it('batch 退回: several selected in 待审核 are returned with one reason, and the summary says which succeeded and which did not', async () => {
    const reason = '转入组织信息有误，请与转入团支部确认后重新申请'
    const page = await phoneAs(e2e.browser, e2e.stack, PARENT_OPERATOR, '/transfers')
    const queue = await todo(await apiClient(page, e2e.stack.baseUrl))
    expect(queue.length).toBeGreaterThanOrEqual(3)
    const [a, raced, b] = queue
    await card(page, a.member.name).waitFor()

    await page.getByRole('button', { name: '批量审核' }).click()
    const bar = page.getByRole('toolbar', { name: '批量审核' })
    await bar.getByText('已选 0 项').waitFor()
    for (const t of [a, raced, b]) await page.getByRole('checkbox').filter({ hasText: t.member.name }).click()
    await bar.getByText('已选 3 项').waitFor()
    await shot(page, 'mobile-transfers-batch-selected')

    // Meanwhile 周强, the other 运营者 of the same 团总支, approves one of them.
    const colleague = await apiClient(await phoneAs(e2e.browser, e2e.stack, PARENT_COLLEAGUE), e2e.stack.baseUrl)
    expect((await colleague.post(`/api/transfers/${raced.id}/decision`, { decision: 'approve', version: raced.version })).status).toBe(200)

    await bar.getByRole('button', { name: '退回' }).click()
    const dlg = dialog(page, '批量退回 3 条申请')
    await dlg.getByText('退回后转接流程结束，团员需重新申请。').waitFor()
    await dlg.getByRole('textbox').fill(reason)
    await shot(page, 'mobile-transfers-batch-return-dialog')
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/transfers/decisions')
    await dlg.getByRole('button', { name: '确定退回' }).click()
    expect((await answered).status()).toBe(200)

    const summary = page.getByRole('dialog').filter({ hasText: '批量退回结果' })
    await summary.getByText('成功 2 条').waitFor()
    await summary.getByText('未成功 1 条').waitFor()
    const failure = summary.getByRole('listitem')
    expect(await failure.count()).toBe(1)
    await failure.getByText(raced.member.name).waitFor()
    await failure.getByText('该申请已被处理').waitFor()
    await shot(page, 'mobile-transfers-batch-summary')

    await summary.getByRole('button', { name: '完成' }).click()
    await summary.waitFor({ state: 'hidden' })
    for (const t of [a, raced, b]) await card(page, t.member.name).waitFor({ state: 'detached' })
    // Nothing left to retry (the failed one moved on to the next node): batch mode ends by itself.
    await page.getByRole('button', { name: '批量审核' }).waitFor()
    await shot(page, 'mobile-transfers-after-batch')

    const rows = await e2e.stack.ctx.db.selectFrom('transfers').select(['id', 'status', 'end_reason']).where('id', 'in', [a.id, raced.id, b.id]).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(a.id)).toMatchObject({ status: 'returned', end_reason: reason })
    expect(byId.get(b.id)).toMatchObject({ status: 'returned', end_reason: reason })
    expect(byId.get(raced.id)?.status).not.toBe('returned')
  })

  it('待审核 opened again from the home page is current: an application handed on meanwhile is there without pulling to refresh', async () => {
    const branch = await apiClient(await phoneAs(e2e.browser, e2e.stack, BRANCH_OPERATOR), e2e.stack.baseUrl)
    const { target, next } = await aTransferHandedOnFrom(branch)
    const name = target.member.name

    const page = await phoneAs(e2e.browser, e2e.stack, next.userid, '/')
    await page.getByRole('link', { name: /组织关系转接/ }).click()
    await page.locator('.van-nav-bar__title', { hasText: '待审核' }).waitFor()
    await page.locator('.app-skeleton-list').waitFor({ state: 'detached' })
    expect(await card(page, name).count()).toBe(0)
    await page.getByText('返回').click()
    await page.getByRole('heading', { name: next.orgName }).waitFor()

    // Meanwhile the previous node agrees on another phone.
    expect((await branch.post(`/api/transfers/${target.id}/decision`, { decision: 'approve', version: target.version })).status).toBe(200)

    await page.getByRole('link', { name: /组织关系转接/ }).click()
    await card(page, name).getByText(`${STEP_ROLES[next.step.role]}审核`).waitFor()
    await card(page, name).scrollIntoViewIfNeeded()
    await shot(page, 'mobile-transfers-reopened-current')
  })
})
