/**
 * 组织关系转接 on the PC workbench (seed §1(2); issue #5) in real Chromium at 1366×900: a batch
 * 退回 with a result per row, the detail with the flow and the member's data, and a branch
 * that 发起转接 for its member and 撤回 it.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { TransferItem } from '../../shared/api/transfers'
import type { PageOf } from '../../shared/api/common'
import { desktopPage, screenshot, useE2e, WAIT_MS } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'

/** 运营者 of the demo's first and second 团支部 (same parent). */
const OPERATOR = 'zhangwei'
const OTHER_BRANCH_OPERATOR = 'liuyang'

const e2e = useE2e()

async function pcLogin(page: Page, account: string) {
  await page.goto(e2e.stack.baseUrl + '/pc/')
  await page.getByLabel('组织账号').fill(account)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: '我的团员' }).waitFor()
}

async function api<T>(page: Page, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const me = await (await page.request.get(`${e2e.stack.baseUrl}/api/me`)).json()
  const res = await page.request.fetch(`${e2e.stack.baseUrl}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } })
  expect(res.status(), `${method} ${path}`).toBe(200)
  return res.json() as Promise<T>
}

describe('组织关系转接 on the PC', () => {
  it('several applications are returned in one go with a reason, each with its own result, and a name opens the detail with the flow and the member', async () => {
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, e2e.stack.account(OPERATOR).orgCode)
    await page.getByRole('tab', { name: /组织关系转接/ }).click()
    await page.getByRole('heading', { name: '组织关系转接' }).waitFor()

    const todo = (await api<PageOf<TransferItem>>(page, 'GET', '/api/transfers?box=todo&limit=100')).items
    expect(todo.length).toBeGreaterThanOrEqual(3)
    for (const t of todo) await page.getByRole('link', { name: t.member.name, exact: true }).first().waitFor()
    await screenshot(page, 'pc-transfers-todo')

    // Someone else decides one of them meanwhile (another operator, the phone): that row fails on its own.
    const [raced, ...rest] = todo
    await api(page, 'POST', `/api/transfers/${raced.id}/decision`, { decision: 'approve', version: raced.version })

    await page.getByRole('checkbox', { name: '全选' }).click()
    await page.getByText(`已选择 ${todo.length} 名团员`).waitFor()
    await page.getByRole('button', { name: '审核', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '审核转接申请' })
    await dialog.getByText(`已选择 ${todo.length} 名团员的转接申请`).waitFor()
    const names = dialog.getByRole('list', { name: '已选择的团员' })
    for (const t of todo) await names.getByText(t.member.name, { exact: true }).first().waitFor()

    await dialog.getByRole('radio', { name: /退回$/ }).click()
    await dialog.getByRole('button', { name: '确定退回' }).click()
    await dialog.getByText('请填写退回原因').waitFor()
    await dialog.getByRole('textbox', { name: '退回原因' }).fill('转入单位信息有误，请核实后重新申请。')
    await screenshot(page, 'pc-transfers-batch-dialog')

    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/transfers/decisions')
    await dialog.getByRole('button', { name: '确定退回' }).click()
    const body = (await (await answered).json()) as { results: { id: number; ok: boolean }[] }
    expect(body.results.filter((r) => r.ok).map((r) => r.id).sort()).toEqual(rest.map((t) => t.id).sort())
    const results = page.getByRole('dialog', { name: '批量退回结果' })
    await results.getByText(`成功 ${rest.length} 条`).waitFor()
    await results.getByText('未成功 1 条').waitFor()
    const failedRow = results.locator('tr', { hasText: raced.member.name })
    await expect(failedRow.textContent()).resolves.toMatch(/该申请已被处理|不在本组织的审核节点/)
    await screenshot(page, 'pc-transfers-batch-results')

    await results.getByRole('button', { name: '完成' }).click()
    await page.getByText('您暂无需要审核的转接申请').waitFor()

    // 已审核: the returned ones; a name opens the detail (flow + member data).
    await page.getByRole('tab', { name: '已审核' }).click()
    const returned = rest[0]
    await page.getByRole('link', { name: returned.member.name, exact: true }).first().click()
    await page.getByRole('heading', { name: '转接详情' }).waitFor()
    await page.getByText('流程结束').first().waitFor()
    await page.getByText('退回原因：转入单位信息有误，请核实后重新申请。').waitFor()
    await page.getByRole('heading', { name: /团员资料/ }).waitFor()
    await page.getByText('基本信息').waitFor()
    await screenshot(page, 'pc-transfer-detail')
  })

  it('a 团支部 starts a transfer for its member (其他原因 needs 10 characters) and withdraws it with a reason', async () => {
    const page = await desktopPage(e2e.browser)
    const branch = e2e.stack.account(OPERATOR).orgCode
    await pcLogin(page, branch)

    // A registered member of this branch with no transfer yet, with a name no one else here has.
    const busy = new Set((e2e.stack.data.transfers ?? []).map((t) => t.idCard))
    const own = (e2e.stack.data.members ?? []).filter((m) => m.org === branch)
    const member = own.find(
      (m) => m.status === 'approved' && !m.leagueStatus && !busy.has(m.idCard) && own.filter((x) => x.name.startsWith(m.name)).length === 1,
    )!
    expect(member).toBeTruthy()
    const target = e2e.stack.account(OTHER_BRANCH_OPERATOR).orgName

    await page.getByRole('tab', { name: /组织关系转接/ }).click()
    await page.getByRole('button', { name: '发起转接' }).click()
    await page.getByRole('heading', { name: '发起转接' }).waitFor()

    await page.getByRole('combobox', { name: '团员' }).fill(member.name)
    await page.getByRole('option', { name: new RegExp(`^${member.name}`) }).click()
    await page.getByRole('combobox', { name: '转入团支部' }).fill(target.slice(0, 6))
    await page.getByRole('option', { name: new RegExp(`^${target}`) }).click()
    await page.getByRole('radio', { name: /其他原因$/ }).click()
    await page.getByPlaceholder('请说明转接原因').fill('随家人迁居')
    await page.getByLabel('学习工作单位').fill('深圳大学计算机与软件学院')
    await page.getByRole('button', { name: '提交' }).click()
    await page.getByText('请填写不少于10个字的说明').waitFor()
    await page.getByPlaceholder('请说明转接原因').fill('随家人迁居到深圳，就近参加团组织生活')
    await screenshot(page, 'pc-transfer-new')

    await page.getByRole('button', { name: '提交' }).click()
    await page.getByRole('heading', { name: '转接详情' }).waitFor({ timeout: WAIT_MS })
    await page.getByText('待团员确认').first().waitFor()

    await page.getByRole('button', { name: '撤回' }).click()
    const dialog = page.getByRole('dialog', { name: /撤回转接申请/ })
    await dialog.getByRole('button', { name: '确定撤回' }).click()
    await dialog.getByText('请填写撤回原因').waitFor()
    await dialog.getByLabel('撤回原因').fill('团员决定暂不转接')
    await dialog.getByRole('button', { name: '确定撤回' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('已撤回：团员决定暂不转接').waitFor()
    await screenshot(page, 'pc-transfer-withdrawn')
  })
})
