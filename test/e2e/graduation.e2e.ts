/**
 * The graduation season (issue #14; docs/DOMAIN.md §5a) in real Chromium with the demo data: the
 * school's senior class leaves for a 街道团工委 in one action on the PC (filtered by 预计毕业时间,
 * 全选, 发起转接, a result per member), the 团工委's operator allocates a graduate to a 团支部 on
 * the phone (待分配 on the home page, the searchable branch sheet), and another 团工委 allocates
 * several at once on the PC — each step in 操作日志, the branch told through WeCom (the simulator).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import { GRADUATING_CLASS_CODE, RECEIVING_COMMITTEES, seasonGraduation } from '../../bff/import/demo/graduation'
import { desktopPage, phoneAs, screenshot, useE2e, WAIT_MS } from './harness'

const e2e = useE2e({ screenPrefix: 'graduation-' })

/** 徐杰 of 粤海街道团工委; 吴霞 operates one of its community 团支部. */
const COMMITTEE_OPERATOR = 'xujie'
const BRANCH_OPERATOR = 'wuxia'

async function pcLogin(page: Page, orgCode: string) {
  await page.goto(e2e.stack.baseUrl + '/pc/')
  await page.getByLabel('组织账号').fill(orgCode)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: '我的团员' }).waitFor()
}

const audit = (action: string) =>
  e2e.stack.ctx.db.selectFrom('audit_log').select(['summary', 'channel']).where('action', '=', action).orderBy('id').execute()

/** Waits (bounded) until the worker delivered a card to `userid` whose text contains `text`. */
async function cardTo(userid: string, text: string) {
  const until = Date.now() + WAIT_MS
  while (Date.now() < until) {
    const card = e2e.stack.simulator.control.messages()
      .filter((m) => m.delivered.includes(userid))
      .map((m) => m.payload.textcard as { title: string; description: string })
      .find((c) => c.description.includes(text))
    if (card) return card
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no card with “${text}” reached ${userid}`)
}

describe('毕业季', () => {
  it('the school 团支部 filters its class by 预计毕业时间 and sends it to a 街道团工委 in one action, with a result per member', async () => {
    const committee = e2e.stack.account(COMMITTEE_OPERATOR).orgName
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, GRADUATING_CLASS_CODE)

    await page.getByLabel('预计毕业时间').fill('2027年6月')
    await page.getByRole('button', { name: '查询' }).click()
    await page.getByText('预计毕业时间格式应为 yyyy-MM（如 2027-06）').waitFor()
    await page.getByLabel('预计毕业时间').fill(seasonGraduation(e2e.stack.now))
    await page.getByLabel('每页条数').selectOption('50')
    await page.getByRole('button', { name: '查询' }).click()
    await page.getByRole('checkbox', { name: '全选' }).click()
    const classSize = (e2e.stack.data.members ?? []).filter((m) => m.org === GRADUATING_CLASS_CODE).length
    await page.getByRole('button', { name: `发起转接（${classSize}人）` }).click()

    const dialog = page.getByRole('dialog', { name: '批量发起转接' })
    await dialog.getByRole('combobox', { name: '转入组织' }).fill(committee.slice(0, 8))
    await dialog.getByRole('option', { name: new RegExp(`^${committee}`) }).click()
    await screenshot(page, 'pc-graduation-batch')
    await dialog.getByRole('button', { name: '发起转接' }).click()

    const results = page.getByRole('dialog', { name: '发起转接结果' })
    await results.getByText(/已发起 \d+ 人/).waitFor()
    // Part of the class is already on its way, and one member's 团籍 is not 正常: refused with the reason.
    await results.getByText(/未发起 \d+ 人/).waitFor()
    await results.getByText('团员已有正在办理的转接申请').first().waitFor()
    await screenshot(page, 'pc-graduation-results')
    const started = Number((await results.getByText(/已发起 \d+ 人/).textContent())!.match(/\d+/)![0])
    expect(started).toBeGreaterThan(5)

    const initiated = await audit('transfer.initiate')
    expect(initiated.filter((a) => a.channel === 'pc')).toHaveLength(started)
    expect(initiated[0].summary).toContain(committee)

    // One member graduates a month later: 预计毕业时间 on the member page, checked, then audited.
    await results.getByRole('button', { name: '完成' }).click()
    const name = (await page.locator('table a.pc-link').first().textContent())!.trim()
    await page.locator('table a.pc-link').first().click()
    await page.getByRole('heading', { name: '团员资料' }).waitFor()
    await page.getByRole('button', { name: '修改' }).click()
    await page.getByLabel('预计毕业时间').fill('2027-7')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('预计毕业时间格式应为 yyyy-MM（如 2027-06）').waitFor()
    await page.getByLabel('预计毕业时间').fill('2027-07')
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('.pc-grad-field__value').filter({ hasText: '2027-07' }).waitFor()
    await screenshot(page, 'pc-member-graduation')
    expect(await audit('member.graduation')).toEqual([
      { summary: `预计毕业时间：${name}，${seasonGraduation(e2e.stack.now)} → 2027-07`, channel: 'pc' },
    ])
  })

  it('the 团工委 operator allocates a graduate to one of its 团支部 on the phone; audited, and the branch is told', async () => {
    const branch = e2e.stack.account(BRANCH_OPERATOR).orgName
    const page = await phoneAs(e2e.browser, e2e.stack, COMMITTEE_OPERATOR)
    const entry = page.getByRole('link', { name: /待分配/ })
    const before = Number(await entry.getByLabel(/名待分配$/).textContent())
    expect(before).toBeGreaterThan(0)
    await screenshot(page, 'mobile-home-allocate', { fullPage: false })
    await entry.click()
    await page.locator('.alloc-card').first().waitFor()
    await screenshot(page, 'mobile-allocations', { fullPage: false })

    const card = page.locator('.alloc-card').first()
    const name = (await card.locator('.app-card-head__name').textContent())!.trim()
    await card.getByRole('button', { name: `分配${name}` }).click()
    const sheet = page.locator('.allocate-sheet')
    await sheet.getByRole('radio').first().waitFor()
    await sheet.getByRole('searchbox').fill(branch.slice(0, 4))
    await sheet.getByRole('radio', { name: new RegExp(`^${branch}`) }).click()
    await screenshot(page, 'mobile-allocate-sheet', { fullPage: false })
    await sheet.getByRole('button', { name: `分配到${branch}` }).click()
    await page.locator('.van-toast').filter({ hasText: `已分配到${branch}` }).waitFor()
    await page.locator('.alloc-card').filter({ hasText: name }).waitFor({ state: 'detached' })

    const allocated = await audit('transfer.allocate')
    expect(allocated).toEqual([{ summary: expect.stringContaining(`${name}，待分配，分配至${branch}`), channel: 'mobile' }])
    await cardTo(BRANCH_OPERATOR, `毕业生${name}已分配到本团支部`)

    await page.goBack()
    await page.getByRole('link', { name: /待分配/ }).getByLabel(`${before - 1}名待分配`).waitFor()
  })

  it('another 团工委 allocates several graduates to one 团支部 at once on the PC', async () => {
    const committeeCode = RECEIVING_COMMITTEES[1]
    const target = (e2e.stack.data.organizations ?? []).find((o) => o.parent === committeeCode && o.type === 'branch')!
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, committeeCode)
    await page.getByRole('tab', { name: /组织关系转接/ }).click()
    await page.getByRole('tab', { name: /待分配/ }).click()
    await page.getByRole('checkbox', { name: '全选' }).click()
    await page.getByRole('button', { name: '分配', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '分配到团支部' })
    await dialog.getByRole('combobox', { name: '分配到团支部' }).fill(target.name.slice(0, 6))
    await dialog.getByRole('option', { name: new RegExp(`^${target.name}`) }).click()
    await dialog.getByRole('button', { name: '确定分配' }).click()
    const results = page.getByRole('dialog', { name: '分配结果' })
    await results.getByText(/已分配 \d+ 人/).waitFor()
    await screenshot(page, 'pc-allocate-results')
    const n = Number((await results.getByText(/已分配 \d+ 人/).textContent())!.match(/\d+/)![0])
    expect(n).toBeGreaterThan(1)

    const pc = (await audit('transfer.allocate')).filter((a) => a.channel === 'pc')
    expect(pc).toHaveLength(n)
    for (const a of pc) expect(a.summary).toContain(`分配至${target.name}`)
    const org = await e2e.stack.ctx.db.selectFrom('organizations').select('id').where('code', '=', target.code).executeTakeFirstOrThrow()
    const events = await e2e.stack.ctx.db.selectFrom('notification_events').select('title').where('org_id', '=', org.id).execute()
    expect(events.filter((e) => e.title.includes('已分配到本团支部'))).toHaveLength(n)
  })
})
