/**
 * The accessibility walk of both sites (issue #15), shared by a11y.e2e.ts (light) and
 * a11y-dark.e2e.ts (dark; each file has its own stack, since the walk decides things): every
 * page of the phone app (390×844 inside the simulated WeCom) and of the PC workbench
 * (1366×900), with its dialogs, sheets and confirmations open, scanned by axe-core in Chromium
 * (WCAG 2.2 AA, no serious or critical violation — colour contrast included, in the scheme of
 * the run), and watched for console errors, page errors and failed requests in normal use.
 */
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import axe from 'axe-core'
import { apiClient, desktopPage, phoneAs, type ColorScheme, type E2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import { GRADUATING_CLASS_CODE, RECEIVING_COMMITTEES, seasonGraduation } from '../../bff/import/demo/graduation'
import type { PageOf } from '../../shared/api/common'
import type { TransferItem } from '../../shared/api/transfers'

/** 运营者 of the demo's first 团支部; 运营者 of its 团总支 (下级待办, batch 审核); the province's admin; 徐杰 of a 街道团工委 (待分配). */
const BRANCH_OPERATOR = 'zhangwei'
const PARENT_OPERATOR = 'yangfan'
const PROVINCE_OPERATOR = 'huangmin'
const ALLOCATING_OPERATOR = 'xujie'

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]
}

/** A page's problems as lines: axe's serious and critical findings, console errors, failed requests. */
class Findings {
  readonly lines: string[] = []

  constructor(private readonly scheme: ColorScheme) {}

  watch(page: Page, who: string): Page {
    page.on('console', (m) => {
      if (m.type() === 'error') this.lines.push(`${who} console: ${m.text()}`)
    })
    page.on('pageerror', (e) => this.lines.push(`${who} pageerror: ${e.message}`))
    page.on('response', (r) => {
      if (r.status() >= 400) this.lines.push(`${who} ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)
    })
    return page
  }

  /** axe-core over the whole document as it is now (an open dialog included). */
  async scan(page: Page, where: string): Promise<void> {
    await page.waitForLoadState('networkidle')
    // A dialog still fading in, a button still fading from disabled: half-transparent text is
    // not what a user reads. Wait until every finite animation and transition has ended.
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { getAnimations(): { effect: { getTiming(): { iterations?: number } } | null }[] } }).document
      return doc.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity)
    })
    // Through DevTools, not a <script> tag: the page's Content-Security-Policy forbids inline scripts.
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source)
    const result = (await page.evaluate(
      (tags) => (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    )) as AxeResult
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')
      const why = (v.nodes[0].failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)
      this.lines.push(`${this.scheme} ${where}: ${v.impact} ${v.id} (${v.help}) ×${v.nodes.length}: ${targets} — ${why}`)
    }
    // Vant's icons are glyphs of a private-use font drawn by ::before; inside a button, a link or
    // a tab they become part of its accessible name (a screen reader reads noise, a by-name
    // search misses) unless the icon is aria-hidden. axe does not look for this.
    const noisy = (await page.locator('body').ariaSnapshot()).split('\n').filter((l) => /[\uE000-\uF8FF]/u.test(l))
    if (noisy.length) this.lines.push(`${this.scheme} ${where}: an icon's glyph in ${noisy.length} accessible names: ${noisy.slice(0, 3).map((l) => l.trim()).join(' | ')}`)
  }
}

/** Signs in on the login page and waits for the screen it goes to (`landing`: the one asked for before login). */
async function pcLogin(page: Page, account: string, landing = '我的团员') {
  await page.getByLabel('组织账号').fill(account)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: landing, exact: true }).first().waitFor()
}

/** Opens `hash` of the PC workbench and waits for its heading. */
async function pcOpen(e2e: E2e, page: Page, hash: string, heading: string) {
  await page.goto(`${e2e.stack.baseUrl}/pc/#${hash}`)
  await page.getByRole('heading', { name: heading, exact: true }).first().waitFor()
}

async function phoneOpen(e2e: E2e, page: Page, hash: string) {
  await page.goto(`${e2e.stack.baseUrl}/#${hash}`)
  await page.locator('.van-nav-bar__title, h1').first().waitFor()
  // Lists are kept alive: only the skeleton of the page on show counts.
  await page.locator('.app-skeleton-list').filter({ visible: true }).waitFor({ state: 'detached' })
}

/** A confirmation opened by a function call (utils/dialogs.ts): scanned open, then cancelled. */
async function scanConfirmation(found: Findings, page: Page, title: string, where: string) {
  const dialog = page.getByRole('dialog', { name: title })
  await dialog.waitFor()
  await found.scan(page, where)
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })
}

export async function phoneWalk(e2e: E2e, scheme: ColorScheme): Promise<string[]> {
  const found = new Findings(scheme)
  const page = found.watch(await phoneAs(e2e.browser, e2e.stack, BRANCH_OPERATOR, '/', { colorScheme: scheme }), BRANCH_OPERATOR)
  const api = await apiClient(page, e2e.stack.baseUrl)
  await page.getByRole('heading', { name: e2e.stack.account(BRANCH_OPERATOR).orgName }).waitFor()
  expect(await page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('.van-theme-dark') !== null)).toBe(scheme === 'dark')
  await found.scan(page, 'phone 首页')

  for (const [hash, name] of [['/mine', '我的'], ['/reviews', '资料审核'], ['/transfers', '转接 待审核'], ['/handled', '已审核'], ['/members', '团员查询']] as const) {
    await phoneOpen(e2e, page, hash)
    await found.scan(page, `phone ${name}`)
    if (hash === '/mine') {
      await page.getByRole('button', { name: '退出登录' }).click()
      await scanConfirmation(found, page, '退出登录', 'phone 退出登录 confirmation')
    }
  }

  const reviews = await api.get<PageOf<{ id: number }>>('/api/profile-reviews')
  await phoneOpen(e2e, page, `/reviews/${reviews.items[0].id}`)
  await page.getByRole('button', { name: '退回', exact: true }).waitFor()
  await found.scan(page, 'phone 资料审核 detail')
  await page.getByRole('button', { name: '退回', exact: true }).click()
  await page.getByRole('textbox', { name: '退回原因' }).waitFor()
  await found.scan(page, 'phone 退回 dialog')

  const members = await api.get<PageOf<{ id: number }>>('/api/members?limit=1')
  await phoneOpen(e2e, page, `/members/${members.items[0].id}`)
  await found.scan(page, 'phone 团员资料')

  const transfers = await api.get<PageOf<TransferItem>>('/api/transfers?box=todo&limit=1')
  await phoneOpen(e2e, page, `/transfers/${transfers.items[0].id}`)
  await page.getByRole('button', { name: '同意', exact: true }).waitFor()
  await found.scan(page, 'phone 转接详情')
  await page.getByRole('button', { name: '同意', exact: true }).click()
  await scanConfirmation(found, page, '确认同意', 'phone 确认同意 dialog')

  // A 团总支: 下级待办 with its 催办 confirmation, and a batch 退回 with its results.
  const parent = found.watch(await phoneAs(e2e.browser, e2e.stack, PARENT_OPERATOR, '/', { colorScheme: scheme }), PARENT_OPERATOR)
  await phoneOpen(e2e, parent, '/backlog')
  await parent.locator('.backlog-row').first().waitFor()
  await found.scan(parent, 'phone 下级待办')
  const remind = parent.locator('.backlog-row').getByRole('button', { name: '催办', exact: true })
  if (await remind.count()) {
    await remind.first().click()
    await scanConfirmation(found, parent, '催办', 'phone 催办 confirmation')
  }
  await parent.locator('.backlog-row').first().getByRole('button', { name: '查看待办' }).click()
  await parent.locator('.backlog-item').first().or(parent.getByText('该组织暂无待审核的团员资料')).waitFor()
  await found.scan(parent, 'phone 下级待办 items')

  await phoneOpen(e2e, parent, '/transfers')
  await parent.getByRole('button', { name: '批量审核' }).click()
  const bar = parent.getByRole('toolbar', { name: '批量审核' })
  await parent.getByRole('checkbox').first().click()
  await bar.getByText('已选 1 项').waitFor()
  await found.scan(parent, 'phone 批量审核 selecting')
  await bar.getByRole('button', { name: '同意' }).click()
  await scanConfirmation(found, parent, '批量同意', 'phone 批量同意 dialog')
  await bar.getByRole('button', { name: '退回' }).click()
  const dlg = parent.getByRole('dialog').filter({ hasText: '批量退回' })
  await dlg.getByRole('textbox').fill('转入组织信息有误，请核实后重新申请')
  await found.scan(parent, 'phone 批量退回 dialog')
  await dlg.getByRole('button', { name: '确定退回' }).click()
  await parent.getByRole('dialog').filter({ hasText: '批量退回结果' }).waitFor()
  await found.scan(parent, 'phone 批量退回结果')

  // The graduation season (docs/DOMAIN.md §5a): a 街道团工委's 待分配 and its 分配 sheet.
  const committee = found.watch(await phoneAs(e2e.browser, e2e.stack, ALLOCATING_OPERATOR, '/', { colorScheme: scheme }), ALLOCATING_OPERATOR)
  await phoneOpen(e2e, committee, '/allocations')
  await committee.locator('.alloc-card').first().waitFor()
  await found.scan(committee, 'phone 待分配')
  await committee.locator('.alloc-card').first().getByRole('button', { name: /^分配/ }).click()
  await committee.getByRole('dialog', { name: '分配' }).getByRole('radio').first().waitFor()
  await found.scan(committee, 'phone 分配 sheet')

  return found.lines
}

export async function pcWalk(e2e: E2e, scheme: ColorScheme): Promise<string[]> {
  const found = new Findings(scheme)
  const page = found.watch(await desktopPage(e2e.browser, { colorScheme: scheme }), 'pc')
  await page.goto(e2e.stack.baseUrl + '/pc/')
  await page.getByLabel('组织账号').waitFor()
  await found.scan(page, 'pc 登录')
  await pcLogin(page, e2e.stack.account(BRANCH_OPERATOR).orgCode)
  await page.locator('tbody tr').first().waitFor()
  await found.scan(page, 'pc 我的团员')

  const api = await apiClient(page, e2e.stack.baseUrl)
  const members = await api.get<PageOf<{ id: number }>>('/api/members?limit=1')
  await pcOpen(e2e, page, `/members/${members.items[0].id}`, '团员资料')
  await found.scan(page, 'pc 团员资料')

  await pcOpen(e2e, page, '/reviews', '资料审核')
  await page.locator('tbody tr').first().waitFor()
  await found.scan(page, 'pc 资料审核')
  await page.locator('tbody tr').first().getByRole('button').first().click()
  await page.getByRole('dialog').first().waitFor()
  await found.scan(page, 'pc 资料审核 dialog')
  const returnChoice = page.getByRole('dialog').getByRole('radio', { name: /退回/ })
  if (await returnChoice.count()) {
    await returnChoice.first().click()
    await page.getByRole('dialog').getByRole('textbox', { name: '退回原因' }).waitFor()
    await found.scan(page, 'pc 资料审核 退回')
  }
  await page.keyboard.press('Escape')

  const todo = await api.get<PageOf<TransferItem>>('/api/transfers?box=todo&limit=100')
  await pcOpen(e2e, page, '/transfers', '组织关系转接')
  await page.getByRole('link', { name: todo.items[0].member.name, exact: true }).first().waitFor()
  await found.scan(page, 'pc 组织关系转接')
  await page.getByRole('checkbox', { name: '全选' }).click()
  await page.getByRole('button', { name: '审核', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '审核转接申请' })
  await dialog.getByRole('radio', { name: /同意$/ }).click()
  await dialog.getByRole('button', { name: '确定同意' }).waitFor()
  await found.scan(page, 'pc 批量审核 同意')
  await dialog.getByRole('radio', { name: /退回$/ }).click()
  await dialog.getByRole('textbox', { name: '退回原因' }).fill('转入单位信息有误，请核实后重新申请。')
  await found.scan(page, 'pc 批量审核 退回')
  await dialog.getByRole('button', { name: '确定退回' }).click()
  await page.getByRole('dialog', { name: '批量退回结果' }).waitFor()
  await found.scan(page, 'pc 批量退回结果')
  await page.getByRole('dialog', { name: '批量退回结果' }).getByRole('button', { name: '完成' }).click()

  await pcOpen(e2e, page, `/transfers/${todo.items[0].id}`, '转接详情')
  await found.scan(page, 'pc 转接详情')
  await pcOpen(e2e, page, '/transfers/new', '发起转接')
  await found.scan(page, 'pc 发起转接')
  await pcOpen(e2e, page, '/backlog', '下级待办')
  await found.scan(page, 'pc 下级待办')
  await pcOpen(e2e, page, '/password', '修改密码')
  await found.scan(page, 'pc 修改密码')
  await page.getByRole('tab', { name: '退出登录' }).click()
  await scanConfirmation(found, page, '退出登录', 'pc 退出登录 confirmation')

  // The admin-only screens, as the province's 组织账号 (运营者管理, 操作日志 with 后台任务).
  const admin = found.watch(await desktopPage(e2e.browser, { colorScheme: scheme }), 'pc admin')
  await admin.goto(e2e.stack.baseUrl + '/pc/')
  await pcLogin(admin, e2e.stack.account(PROVINCE_OPERATOR).orgCode)
  await pcOpen(e2e, admin, '/accounts', '运营者管理')
  await admin.locator('tbody tr').first().waitFor()
  await found.scan(admin, 'pc 运营者管理')
  await pcOpen(e2e, admin, '/audit', '操作日志')
  await admin.locator('tbody tr').first().waitFor()
  await found.scan(admin, 'pc 操作日志')

  // The graduation season (docs/DOMAIN.md §5a): a school's class, 全选 → 批量发起转接; a 团工委's 待分配 → 分配.
  const school = found.watch(await desktopPage(e2e.browser, { colorScheme: scheme }), 'pc school')
  await school.goto(`${e2e.stack.baseUrl}/pc/#/members?expectedGraduation=${seasonGraduation(e2e.stack.now)}`)
  await pcLogin(school, GRADUATING_CLASS_CODE)
  await school.locator('tbody tr').first().waitFor()
  await school.getByRole('checkbox', { name: '全选' }).click()
  await school.getByRole('button', { name: /^发起转接/ }).click()
  await school.getByRole('dialog', { name: '批量发起转接' }).waitFor()
  await found.scan(school, 'pc 批量发起转接 dialog')
  await school.keyboard.press('Escape')

  const receiving = found.watch(await desktopPage(e2e.browser, { colorScheme: scheme }), 'pc 团工委')
  await receiving.goto(`${e2e.stack.baseUrl}/pc/#/transfers?box=allocate`)
  await pcLogin(receiving, RECEIVING_COMMITTEES[1], '组织关系转接')
  await receiving.locator('tbody tr').first().waitFor()
  await found.scan(receiving, 'pc 待分配')
  await receiving.getByRole('checkbox', { name: '全选' }).click()
  await receiving.getByRole('button', { name: '分配', exact: true }).click()
  await receiving.getByRole('dialog', { name: '分配到团支部' }).waitFor()
  await found.scan(receiving, 'pc 分配 dialog')

  return found.lines
}
