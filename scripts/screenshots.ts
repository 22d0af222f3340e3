/**
 * `npm run screenshots [-- DIR]` (issue #15): every page of the phone app and of the PC
 * workbench, some with their dialogs open, at 390×844 and 1366×900, in light and dark, as PNG
 * files in DIR (default test-results/screenshots/), to be looked at — not a test: `npm test`
 * does not run it. It starts the same stack as the browser tests (a temporary SQLite file with
 * the demo data, the WeCom simulator; test/e2e/stack.ts) and Debian's Chromium, opens nothing
 * that decides, and closes both. Files are named `<scheme>/<width>-<site>-<page>.png`.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { startStack, ROOT, type Stack } from '../test/e2e/stack'
import { desktopPage, launchBrowser, phoneAs, type ColorScheme } from '../test/e2e/pages'
import { DEMO_PASSWORD } from './demo-data'
import { GRADUATING_CLASS_CODE, RECEIVING_COMMITTEES, seasonGraduation } from '../bff/import/demo/graduation'

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
] as const
const SCHEMES: ColorScheme[] = ['light', 'dark']
/** 运营者 of the first 团支部, of its 团总支, of a 街道团工委 with graduates waiting; the province's admin. */
const BRANCH = 'zhangwei'
const PARENT = 'yangfan'
const ALLOCATING = 'xujie'
const PROVINCE = 'huangmin'

type Size = (typeof SIZES)[number]

interface Shots {
  stack: Stack
  browser: Browser
  dir: string
  scheme: ColorScheme
  size: Size
  count: number
}

async function shoot(s: Shots, page: Page, site: string, name: string) {
  await page.waitForLoadState('networkidle')
  // Dialogs and sheets fade in: the picture is of what a user reads once they stopped moving.
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { getAnimations(): { effect: { getTiming(): { iterations?: number } } | null }[] } }).document
    return doc.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity)
  })
  const file = join(s.dir, s.scheme, `${s.size.width}-${site}-${name}.png`)
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
  s.count++
}

async function get<T>(page: Page, stack: Stack, path: string): Promise<T> {
  const res = await page.request.get(stack.baseUrl + path)
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}`)
  return (await res.json()) as T
}

async function phoneOpen(page: Page, stack: Stack, hash: string) {
  await page.goto(`${stack.baseUrl}/#${hash}`)
  await page.locator('.van-nav-bar__title, h1').first().waitFor()
  await page.locator('.app-skeleton-list').filter({ visible: true }).waitFor({ state: 'detached' })
}

async function phonePages(s: Shots) {
  const { stack, browser, scheme, size } = s
  const page = await phoneAs(browser, stack, BRANCH, '/', { colorScheme: scheme, size })
  await page.getByRole('heading', { name: stack.account(BRANCH).orgName }).waitFor()
  await shoot(s, page, 'phone', '首页')
  for (const [hash, name] of [['/mine', '我的'], ['/reviews', '资料审核'], ['/transfers', '转接待审核'], ['/handled', '已审核'], ['/members', '团员查询']] as const) {
    await phoneOpen(page, stack, hash)
    await shoot(s, page, 'phone', name)
  }
  const reviews = await get<{ items: { id: number }[] }>(page, stack, '/api/profile-reviews')
  await phoneOpen(page, stack, `/reviews/${reviews.items[0].id}`)
  await page.getByRole('button', { name: '退回', exact: true }).waitFor()
  await shoot(s, page, 'phone', '资料审核详情')
  await page.getByRole('button', { name: '退回', exact: true }).click()
  await page.getByRole('textbox', { name: '退回原因' }).fill('身份证照片不清晰，请重新上传')
  await shoot(s, page, 'phone', '退回对话框')
  const members = await get<{ items: { id: number }[] }>(page, stack, '/api/members?limit=1')
  await phoneOpen(page, stack, `/members/${members.items[0].id}`)
  await shoot(s, page, 'phone', '团员资料')
  const transfers = await get<{ items: { id: number }[] }>(page, stack, '/api/transfers?box=todo&limit=1')
  await phoneOpen(page, stack, `/transfers/${transfers.items[0].id}`)
  await page.getByRole('button', { name: '同意', exact: true }).waitFor()
  await shoot(s, page, 'phone', '转接详情')
  await page.getByRole('button', { name: '同意', exact: true }).click()
  await page.getByRole('dialog', { name: '确认同意' }).waitFor()
  await shoot(s, page, 'phone', '确认同意')

  const parent = await phoneAs(browser, stack, PARENT, '/backlog', { colorScheme: scheme, size })
  await parent.locator('.backlog-row').first().waitFor()
  await shoot(s, parent, 'phone', '下级待办')
  await parent.locator('.backlog-row').first().getByRole('button', { name: '查看待办' }).click()
  await parent.locator('.backlog-item').first().or(parent.getByText('该组织暂无待审核的团员资料')).waitFor()
  await shoot(s, parent, 'phone', '下级待办明细')
  await phoneOpen(parent, stack, '/transfers')
  await parent.getByRole('button', { name: '批量审核' }).click()
  await parent.getByRole('checkbox').first().click()
  await shoot(s, parent, 'phone', '批量审核')

  const committee = await phoneAs(browser, stack, ALLOCATING, '/', { colorScheme: scheme, size })
  await committee.getByRole('heading', { name: stack.account(ALLOCATING).orgName }).waitFor()
  await shoot(s, committee, 'phone', '首页-团工委')
  await phoneOpen(committee, stack, '/allocations')
  await committee.locator('.alloc-card').first().waitFor()
  await shoot(s, committee, 'phone', '待分配')
  await committee.locator('.alloc-card').first().getByRole('button', { name: /^分配/ }).click()
  await committee.getByRole('dialog', { name: '分配' }).getByRole('radio').first().waitFor()
  await shoot(s, committee, 'phone', '分配')
  for (const p of [page, parent, committee]) await p.context().close()
}

async function pcAs(s: Shots, account: string, hash: string, heading: string): Promise<Page> {
  const page = await desktopPage(s.browser, { colorScheme: s.scheme })
  await page.setViewportSize(s.size)
  await page.goto(`${s.stack.baseUrl}/pc/#${hash}`)
  await page.getByLabel('组织账号').fill(account)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: heading, exact: true }).first().waitFor()
  return page
}

async function pcOpen(page: Page, stack: Stack, hash: string, heading: string) {
  await page.goto(`${stack.baseUrl}/pc/#${hash}`)
  await page.getByRole('heading', { name: heading, exact: true }).first().waitFor()
}

async function pcPages(s: Shots) {
  const { stack, browser, scheme, size } = s
  const login = await desktopPage(browser, { colorScheme: scheme })
  await login.setViewportSize(size)
  await login.goto(stack.baseUrl + '/pc/')
  await login.getByLabel('组织账号').waitFor()
  await shoot(s, login, 'pc', '登录')
  await login.context().close()

  const page = await pcAs(s, stack.account(BRANCH).orgCode, '/members', '我的团员')
  await page.locator('tbody tr').first().waitFor()
  await shoot(s, page, 'pc', '我的团员')
  const members = await get<{ items: { id: number }[] }>(page, stack, '/api/members?limit=1')
  await pcOpen(page, stack, `/members/${members.items[0].id}`, '团员资料')
  await shoot(s, page, 'pc', '团员资料')
  await pcOpen(page, stack, '/reviews', '资料审核')
  await page.locator('tbody tr').first().waitFor()
  await shoot(s, page, 'pc', '资料审核')
  await page.locator('tbody tr').first().getByRole('button', { name: '审核' }).click()
  const review = page.getByRole('dialog', { name: '资料审核' })
  await review.getByRole('radio', { name: '退回' }).click()
  await review.getByRole('textbox', { name: '退回原因' }).fill('户籍地址填写不完整，请补充后重新提交')
  await shoot(s, page, 'pc', '资料审核对话框')
  await page.keyboard.press('Escape')
  await pcOpen(page, stack, '/transfers', '组织关系转接')
  await page.locator('tbody tr').first().waitFor()
  await shoot(s, page, 'pc', '组织关系转接')
  await page.getByRole('checkbox', { name: '全选' }).click()
  await page.getByRole('button', { name: '审核', exact: true }).click()
  await page.getByRole('dialog', { name: '审核转接申请' }).getByRole('radio', { name: /同意$/ }).click()
  await shoot(s, page, 'pc', '审核转接申请')
  await page.keyboard.press('Escape')
  const transfers = await get<{ items: { id: number }[] }>(page, stack, '/api/transfers?box=todo&limit=1')
  await pcOpen(page, stack, `/transfers/${transfers.items[0].id}`, '转接详情')
  await shoot(s, page, 'pc', '转接详情')
  for (const [hash, heading] of [['/transfers/new', '发起转接'], ['/backlog', '下级待办'], ['/accounts', '运营者管理'], ['/password', '修改密码']] as const) {
    await pcOpen(page, stack, hash, heading)
    await shoot(s, page, 'pc', heading)
  }
  await page.context().close()

  const admin = await pcAs(s, stack.account(PROVINCE).orgCode, '/audit', '操作日志')
  await admin.locator('tbody tr').first().waitFor()
  await shoot(s, admin, 'pc', '操作日志')
  await admin.context().close()

  const school = await pcAs(s, GRADUATING_CLASS_CODE, `/members?expectedGraduation=${seasonGraduation(stack.now)}`, '我的团员')
  await school.locator('tbody tr').first().waitFor()
  await school.getByRole('checkbox', { name: '全选' }).click()
  await school.getByRole('button', { name: /^发起转接/ }).click()
  await school.getByRole('dialog', { name: '批量发起转接' }).waitFor()
  await shoot(s, school, 'pc', '批量发起转接')
  await school.context().close()

  const receiving = await pcAs(s, RECEIVING_COMMITTEES[1], '/transfers?box=allocate', '组织关系转接')
  await receiving.locator('tbody tr').first().waitFor()
  await shoot(s, receiving, 'pc', '待分配')
  await receiving.getByRole('checkbox', { name: '全选' }).click()
  await receiving.getByRole('button', { name: '分配', exact: true }).click()
  await receiving.getByRole('dialog', { name: '分配到团支部' }).waitFor()
  await shoot(s, receiving, 'pc', '分配')
  await receiving.context().close()
}

async function main(argv: string[]) {
  const dir = resolve(argv[0] ?? join(ROOT, 'test-results/screenshots'))
  rmSync(dir, { recursive: true, force: true })
  for (const scheme of SCHEMES) mkdirSync(join(dir, scheme), { recursive: true })
  const started = performance.now()
  const stack = await startStack()
  const browser = await launchBrowser()
  let count = 0
  try {
    for (const scheme of SCHEMES) {
      for (const size of SIZES) {
        const s: Shots = { stack, browser, dir, scheme, size, count: 0 }
        await phonePages(s)
        await pcPages(s)
        count += s.count
        console.log(`${scheme} ${size.width}×${size.height}：${s.count} 张`)
      }
    }
  } finally {
    await browser.close()
    await stack.close()
  }
  console.log(`截图完成：${count} 张，用时 ${Math.round((performance.now() - started) / 1000)} 秒 → ${dir}`)
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`截图失败：${(e as Error).stack ?? String(e)}`)
  process.exit(1)
})
