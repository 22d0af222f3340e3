/**
 * The PC workbench's 资料审核 (seed §1(1); issue #5) in real Chromium at 1366×900 against the
 * real server: an admin (组织账号) logs in with the organisation code, finds a member whose
 * real-name check failed in 我的团员, verifies offline (explanation + photos) and the member
 * shows 线下通过 with the photos on the PC and 线下通过 on the phone.
 */
import { deflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { MemberSummary } from '../../shared/api/members'
import type { PageOf } from '../../shared/api/common'
import { desktopPage, phonePage, screenshot, useE2e } from './harness'
import { DEMO_PASSWORD } from '../../scripts/demo-data'

/** The 运营者 of the demo's first 团支部; its 组织账号 is the admin of the same organisation. */
const OPERATOR = 'zhangwei'

const e2e = useE2e()
let adminCode: string

beforeAll(() => {
  adminCode = e2e.stack.account(OPERATOR).orgCode
})

/** A real PNG (solid colour), built here: the server decides the type by the bytes. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (b: Buffer) => {
    let c = 0xffffffff
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3])])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function pcLogin(page: Page, account: string) {
  await page.goto(e2e.stack.baseUrl + '/pc/')
  await page.getByRole('heading', { name: '团务审核 · PC工作台' }).waitFor()
  await page.getByLabel('组织账号').fill(account)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: '我的团员' }).waitFor()
}

async function membersWhere(page: Page, query: string): Promise<MemberSummary[]> {
  const res = await page.request.get(`${e2e.stack.baseUrl}/api/members?${query}`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as PageOf<MemberSummary>).items
}

/** Filters 我的团员 the way a cadre does, and waits for the table to answer. */
async function filter(page: Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).selectOption(value)
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/members' && r.request().method() === 'GET')
  await page.getByRole('button', { name: '查询' }).click()
  await answered
}

describe('资料审核 on the PC', () => {
  it('a member whose real-name check failed is verified offline with photos, and shows 线下通过 with the photos on the PC and 线下通过 on the phone', async () => {
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, adminCode)
    await expect(page.locator('.pc-shell__org').textContent()).resolves.toBe(e2e.stack.account(OPERATOR).orgName)

    await filter(page, { 报到资料状态: 'registration_pending', 实名认证状态: 'failed' })
    const failed = await membersWhere(page, 'profileStatus=registration_pending&realNameStatus=failed')
    expect(failed.length).toBeGreaterThan(0)
    const member = failed[0]
    await page.getByRole('link', { name: member.name, exact: true }).first().waitFor()
    // Masked numbers in the list (docs/DOMAIN.md §2).
    await expect(page.locator('tbody').textContent()).resolves.toContain(member.idCardMasked)
    await screenshot(page, 'pc-members-filtered')

    await page.getByRole('checkbox', { name: `选择${member.name}` }).first().click()
    await page.getByRole('button', { name: '资料审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByText('组织需要线下核验团员身份信息').waitFor()
    await screenshot(page, 'pc-review-failed-realname')

    await dialog.getByRole('radio', { name: '通过（线下核验无误）' }).click()
    await dialog.getByRole('button', { name: '确定' }).click()
    await dialog.getByText('请填写线下核验说明').waitFor()
    await dialog.getByText('请上传团员手持身份证正反面的照片').waitFor()

    // The browser refuses what is not a JPEG/PNG by its bytes, whatever its name.
    const picker = dialog.getByLabel('选择照片')
    await picker.setInputFiles({ name: 'not-a-photo.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片') })
    await dialog.getByText('not-a-photo.png不是JPG或PNG图片').waitFor()

    await dialog.getByLabel('线下核验说明').fill('已于支部办公室当面核对团员本人及身份证原件，姓名与身份证号码无误。')
    await picker.setInputFiles([
      { name: '手持身份证正面.png', mimeType: 'image/png', buffer: png(320, 200, [70, 120, 200]) },
      { name: '手持身份证背面.png', mimeType: 'image/png', buffer: png(320, 200, [200, 150, 60]) },
    ])
    await dialog.getByText('已选 2/8 张').waitFor()
    await dialog.getByRole('img', { name: /示例/ }).scrollIntoViewIfNeeded()
    await screenshot(page, 'pc-review-offline-form')

    const answered = page.waitForResponse((r) => r.url().endsWith('/offline-verification'))
    await dialog.getByRole('button', { name: '确定' }).click()
    expect((await answered).status()).toBe(200)
    await dialog.waitFor({ state: 'hidden' })
    // The toast says it to the eye (the live region says it, with the name, to a screen reader).
    await page.locator('.van-toast__text', { hasText: '已通过，实名认证状态：线下通过' }).waitFor()

    // The member left the 未通过 list; 线下通过 finds them, and the name opens the record with
    // the explanation and the photos (served to this organisation only).
    await filter(page, { 报到资料状态: '', 实名认证状态: 'offline_passed' })
    await page.getByRole('link', { name: member.name, exact: true }).first().click()
    await page.getByRole('heading', { name: '团员资料' }).waitFor()
    await page.getByText('实名线下通过').waitFor()
    await page.getByText('已于支部办公室当面核对团员本人及身份证原件').waitFor()
    const photos = page.getByRole('img', { name: /线下核验照片/ })
    await expect.poll(() => photos.count()).toBe(2)
    await expect
      .poll(() => photos.evaluateAll((imgs) => imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth === 320)))
      .toBe(true)
    await page.getByText('审核通过').first().waitFor()
    await page.locator('.van-toast').first().waitFor({ state: 'hidden' })
    await screenshot(page, 'pc-member-offline-passed')

    const photoUrl = await photos.first().getAttribute('src')
    const photo = await page.request.get(e2e.stack.baseUrl + photoUrl)
    expect(photo.status()).toBe(200)
    expect(photo.headers()['content-type']).toBe('image/png')
    expect(photo.headers()['cache-control']).toContain('no-store')

    // The phone: the same member, 实名线下通过.
    const phone = await phonePage(e2e.browser, { userid: OPERATOR })
    await phone.goto(`${e2e.stack.baseUrl}/#/members/${member.id}`)
    await phone.getByText('实名线下通过').first().waitFor()
    await phone.getByText('审核通过').first().waitFor()
    await screenshot(phone, 'pc-offline-phone-member')
  })

  it('a member whose real-name check passed is approved with 通过 and 确定', async () => {
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, adminCode)
    await filter(page, { 报到资料状态: 'registration_pending', 实名认证状态: 'passed' })
    const [member] = await membersWhere(page, 'profileStatus=registration_pending&realNameStatus=passed')
    await page.getByRole('checkbox', { name: `选择${member.name}` }).first().click()
    await page.getByRole('button', { name: '资料审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByText('基本信息').waitFor()
    await expect(dialog.getByText('组织需要线下核验团员身份信息').count()).resolves.toBe(0)
    await dialog.getByRole('radio', { name: /通过$/ }).click()
    await screenshot(page, 'pc-review-passed-realname')

    await dialog.getByRole('button', { name: '确定' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('已通过', { exact: true }).waitFor()
    const after = await page.request.get(`${e2e.stack.baseUrl}/api/members/${member.id}`)
    expect((await after.json()).profileStatus).toBe('approved')
  })

  it('资料审核 lists the branch’s open requests, and 审核 opens the same dialog', async () => {
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, adminCode)
    await page.getByRole('tab', { name: /资料审核/ }).click()
    await page.getByRole('heading', { name: '资料审核' }).waitFor()
    const res = await page.request.get(`${e2e.stack.baseUrl}/api/profile-reviews?state=pending`)
    const pending = (await res.json()).items as { member: { name: string }; kind: string }[]
    expect(pending.length).toBeGreaterThan(0)
    for (const r of pending) await page.getByRole('link', { name: r.member.name, exact: true }).first().waitFor()
    await expect(page.getByRole('cell', { name: '修改资料', exact: true }).count()).resolves.toBe(pending.filter((r) => r.kind === 'change').length)
    await screenshot(page, 'pc-reviews-queue')

    const change = page.locator('tr', { hasText: '修改资料' }).first()
    await change.getByRole('button', { name: '审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByText('修改内容').waitFor()
    await dialog.getByText('申请内容').waitFor()
    await screenshot(page, 'pc-review-change')
  })

  it('退回 needs a reason, and the member can register again', async () => {
    const page = await desktopPage(e2e.browser)
    await pcLogin(page, adminCode)
    const [member] = await membersWhere(page, 'profileStatus=registration_pending&realNameStatus=failed')
    await filter(page, { 报到资料状态: 'registration_pending', 实名认证状态: 'failed' })
    await page.getByRole('checkbox', { name: `选择${member.name}` }).first().click()
    await page.getByRole('button', { name: '资料审核' }).click()
    const dialog = page.getByRole('dialog', { name: '资料审核' })
    await dialog.getByRole('radio', { name: '退回' }).click()
    await dialog.getByRole('button', { name: '确定' }).click()
    await dialog.getByText('请填写退回原因').waitFor()
    await dialog.getByRole('textbox', { name: '退回原因' }).fill('身份证号码与本人证件不一致，请核对后重新报到。')
    await dialog.getByText('23/249').waitFor()
    await dialog.getByRole('button', { name: '确定' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const after = await page.request.get(`${e2e.stack.baseUrl}/api/members/${member.id}`)
    expect((await after.json()).profileStatus).toBe('registration_returned')
  })
})
