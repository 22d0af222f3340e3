import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { closeToast } from 'vant'
import type { MemberSummary } from '@shared/api/members'
import { stubApi } from '@/test-utils/api'
import { me, memberDetail, org, reviewDetail } from '@/test-utils/fixtures'
import { settleVantTimers } from '@/test-utils/mountPage'
import { setUnauthenticatedHandler } from '@/api/http'
import { mountPc, settle, click, byText, bodyText } from '../test-utils'
import { membersCsv } from '../utils/members-columns'

const SEED_COLUMNS = ['姓名', '手机号码', '身份证号码', '实名认证状态', '全日制学历', '民族', '职业', '政治面貌', '添加日期', '申请报到日期', '报到资料状态', '预计毕业时间']

function summary(id: number, name: string, over: Partial<MemberSummary> = {}): MemberSummary {
  return {
    id,
    name,
    mobileMasked: '138****5678',
    idCardMasked: '4403**********1234',
    realNameStatus: 'passed',
    education: '本科',
    nation: '壮族',
    occupation: '学生',
    politicalOutlook: '共青团员',
    addedAt: '2026-11-20T08:00:00Z',
    appliedAt: '2026-11-21T08:00:00Z',
    profileStatus: 'registration_pending',
    leagueStatus: 'normal',
    expectedGraduation: null,
    org: org(10, '广州大学第一团支部'),
    ...over,
  }
}

const page1 = [summary(1, '张三', { realNameStatus: 'failed' }), summary(2, '李四', { profileStatus: 'approved', appliedAt: null })]
const page2 = [summary(3, '王五')]

function api() {
  return stubApi({
    'GET /api/me': me({ account: { id: 1, name: '管理员', kind: 'admin' } }),
    'GET /api/dashboard': { profileReviews: { pending: 1 }, transfers: { pending: 0, overdue: 0 }, allocations: { pending: 0, overdue: 0 } },
    'GET /api/members': (req) => ({ body: req.query.get('cursor') === 'c1' ? { items: page2, nextCursor: null } : { items: page1, nextCursor: 'c1' } }),
    'GET /api/members/1': memberDetail({ id: 1, name: '张三', pendingReview: { id: 5, kind: 'registration', version: 2 } }),
    'GET /api/members/2': memberDetail({ id: 2, name: '李四', profileStatus: 'approved', pendingReview: null }),
    'GET /api/profile-reviews/5': reviewDetail({ realNameStatus: 'failed' }),
  })
}

const memberCalls = (calls: { method: string; path: string; query: URLSearchParams }[]) => calls.filter((c) => c.method === 'GET' && c.path === '/api/members')
const rowTexts = () => [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent?.trim()))

afterAll(settleVantTimers)
afterEach(() => {
  closeToast(true)
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  setUnauthenticatedHandler(null)
})

describe('我的团员 (PC)', () => {
  it('shows the seed’s columns in order, with masked phone and ID numbers and 民族 as its own column', async () => {
    api()
    const { wrapper } = await mountPc('/members')
    await settle()
    const headers = [...document.querySelectorAll('thead th')].map((th) => th.textContent?.trim())
    expect(headers).toEqual(['', ...SEED_COLUMNS])
    expect(rowTexts()[0]).toEqual(['张三', '138****5678', '4403**********1234', '未通过', '本科', '壮族', '学生', '共青团员', '2026-11-20', '2026-11-21', '报到待审核', '—'])
    expect(rowTexts()[1][9]).toBe('—') // no 申请报到日期
    expect(document.querySelector('tbody')!.textContent).not.toMatch(/\d{17}[\dX]/)
    wrapper.unmount()
  })

  it('sends the filters to the API: 报到资料状态, 实名认证状态, 全日制学历, 姓名, 手机号码', async () => {
    const { calls } = api()
    const { wrapper, router } = await mountPc('/members')
    await settle()
    const select = (label: string, value: string) => {
      const el = document.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!
      el.value = value
      el.dispatchEvent(new Event('change'))
    }
    select('报到资料状态', 'registration_pending')
    select('实名认证状态', 'failed')
    select('全日制学历', '本科')
    const type = (label: string, value: string) => {
      const el = document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!
      el.value = value
      el.dispatchEvent(new Event('input'))
    }
    type('姓名', '张')
    type('手机号码', '13812345678')
    await click(byText('查询', 'button'))
    await settle()
    expect(router.currentRoute.value.query).toMatchObject({ realNameStatus: 'failed', name: '张' })
    const last = memberCalls(calls).at(-1)!.query
    expect(Object.fromEntries(last)).toMatchObject({
      profileStatus: 'registration_pending',
      realNameStatus: 'failed',
      education: '本科',
      q: '张',
      mobile: '13812345678',
      limit: '20',
    })
    wrapper.unmount()
  })

  it('asks for all 11 digits before searching by 手机号码', async () => {
    const { calls } = api()
    const { wrapper } = await mountPc('/members')
    await settle()
    const before = memberCalls(calls).length
    const el = document.querySelector<HTMLInputElement>('input[aria-label="手机号码"]')!
    el.value = '1381234'
    el.dispatchEvent(new Event('input'))
    await click(byText('查询', 'button'))
    expect(bodyText()).toContain('请输入完整的11位手机号码')
    expect(memberCalls(calls).length).toBe(before)
    wrapper.unmount()
  })

  it('pages with 下一页 / 上一页 by keeping the cursors, and offers 20/50/100 a page', async () => {
    const { calls } = api()
    const { wrapper } = await mountPc('/members')
    await settle()
    await click(byText('下一页', 'button'))
    await settle()
    expect(memberCalls(calls).at(-1)!.query.get('cursor')).toBe('c1')
    expect(rowTexts().map((r) => r[0])).toEqual(['王五'])
    expect(bodyText()).toContain('第 2 页')
    await click(byText('上一页', 'button'))
    await settle()
    expect(memberCalls(calls).at(-1)!.query.get('cursor')).toBeNull()
    expect(rowTexts().map((r) => r[0])).toEqual(['张三', '李四'])
    const sizes = [...document.querySelectorAll<HTMLOptionElement>('select[aria-label="每页条数"] option')].map((o) => o.value)
    expect(sizes).toEqual(['20', '50', '100'])
    wrapper.unmount()
  })

  it('opens 资料审核 for the selected member, and says so when the member has nothing to review', async () => {
    api()
    const { wrapper } = await mountPc('/members')
    await settle()
    await click(document.querySelector('[aria-label="选择李四"]'))
    await click(byText('资料审核', 'button'))
    await settle()
    expect(bodyText()).toContain('李四当前没有待审核的资料（审核通过）')

    await click(document.querySelector('[aria-label="选择李四"]'))
    await click(document.querySelector('[aria-label="选择张三"]'))
    await click(byText('资料审核', 'button'))
    await settle()
    expect(bodyText()).toContain('组织需要线下核验团员身份信息')
    wrapper.unmount()
  })

  it('exports the shown page as CSV: UTF-8 with BOM, the same columns, numbers still masked', async () => {
    api()
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob)
      return 'blob:csv'
    })
    const { wrapper } = await mountPc('/members')
    await settle()
    await click(byText('导出本页', 'button'))
    expect(blobs).toHaveLength(1)
    const bytes = new Uint8Array(await blobs[0].arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const [head, first] = text.split('\r\n')
    expect(head).toBe(SEED_COLUMNS.join(','))
    expect(first).toBe('张三,138****5678,4403**********1234,未通过,本科,壮族,学生,共青团员,2026-11-20,2026-11-21,报到待审核,')
    wrapper.unmount()
  })
})

describe('the CSV of 我的团员', () => {
  it('quotes commas and quotes, and defuses cells Excel would run as a formula', () => {
    const csv = membersCsv([summary(9, '=HYPERLINK("x")', { occupation: '其他,自由' })])
    const row = csv.split('\r\n')[1]
    expect(row.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true)
    expect(row).toContain('"其他,自由"')
  })
})
