import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { stubApi, type StubRequest } from '@/test-utils/api'
import { me, transferItem } from '@/test-utils/fixtures'
import { mountPage, settleVantTimers } from '@/test-utils/mountPage'

const rows = [transferItem(1, '张三'), transferItem(2, '李四', { overdue: true }), transferItem(3, '王五')]

type Decide = (req: StubRequest) => { body: { results: unknown[] } }

function api(decide: Decide = () => ({ body: { results: [] } })) {
  let served = rows
  return stubApi({
    'GET /api/me': me(),
    'GET /api/dashboard': { profileReviews: { pending: 0 }, transfers: { pending: 3, overdue: 1 }, allocations: { pending: 0, overdue: 0 } },
    'GET /api/transfers': () => ({ body: { items: served, nextCursor: null } }),
    'POST /api/transfers/decisions': (req) => {
      const answer = decide(req)
      const okIds = (answer.body.results as { id: number; ok: boolean }[]).filter((r) => r.ok).map((r) => r.id)
      served = served.filter((r) => !okIds.includes(r.id))
      return answer
    },
  })
}

const byText = (root: Element, selector: string, text: string) =>
  [...root.querySelectorAll<HTMLElement>(selector)].find((el) => el.textContent?.trim() === text)!
const click = async (el: Element) => {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  await flushPromises()
}
const rowOf = (name: string) => [...document.querySelectorAll<HTMLElement>('.todo-check')].find((r) => r.textContent?.includes(name))!

afterAll(settleVantTimers)
afterEach(() => {
  closeToast(true)
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe('待审核 (transfer to-do list)', () => {
  it('lists the transfers waiting at this organisation, marking the overdue one', async () => {
    api()
    const { wrapper } = await mountPage('/transfers')
    expect(wrapper.text()).toContain('张三')
    expect(wrapper.text()).toContain('广州大学第一团支部')
    expect(wrapper.text()).toContain('深圳大学第二团支部')
    expect(wrapper.text()).toContain('共 3 条，1 条已超时')
    expect(wrapper.findAll('.van-tag').filter((t) => t.text() === '已超时')).toHaveLength(1)
  })

  it('approves a selection in one go, then says what succeeded and what did not and why', async () => {
    const decide = vi.fn(() => ({
      body: {
        results: [
          { id: 1, ok: true, memberName: '张三' },
          { id: 2, ok: false, code: 'CONFLICT', message: '该申请已被处理', memberName: '李四' },
        ],
      },
    }))
    const { calls } = api(decide)
    const { wrapper } = await mountPage('/transfers')

    await click(byText(document.body, '.app-nav-action', '批量审核'))
    await click(rowOf('张三'))
    await click(rowOf('李四'))
    expect(wrapper.text()).toContain('已选 2 项')

    await click(byText(document.body, '.transfer-batch-bar button', '同意'))
    expect(document.body.textContent).toContain('确定同意选中的 2 条转接申请吗？')
    await click(byText(document.body, '.van-dialog__confirm', '同意'))

    const post = calls.find((c) => c.method === 'POST')!
    expect(post.path).toBe('/api/transfers/decisions')
    expect(post.body).toEqual({ items: [{ id: 1, version: 3 }, { id: 2, version: 3 }], decision: 'approve' })
    expect(post.headers['x-csrf-token']).toBe('csrf-123')

    const summary = document.querySelector('.transfer-batch-result')!.textContent!
    expect(summary).toContain('批量同意结果')
    expect(summary).toContain('成功 1 条')
    expect(summary).toContain('未成功 1 条')
    expect(summary).toContain('李四')
    expect(summary).toContain('该申请已被处理')
    // the approved row leaves the list at once; the failed one stays selected for another try
    expect(document.querySelectorAll('.todo-check')).toHaveLength(2)
    expect(wrapper.text()).toContain('已选 1 项')
  })

  it('names a failed row by the member even when the answer has no name and the row left the list (decided elsewhere), and leaves batch mode with nothing to retry', async () => {
    let served = rows
    stubApi({
      'GET /api/me': me(),
      'GET /api/dashboard': { profileReviews: { pending: 0 }, transfers: { pending: 3, overdue: 1 }, allocations: { pending: 0, overdue: 0 } },
      'GET /api/transfers': () => ({ body: { items: served, nextCursor: null } }),
      'POST /api/transfers/decisions': () => {
        served = served.filter((r) => r.id === 3) // 1 returned here, 2 moved on after a colleague's decision
        return { body: { results: [{ id: 1, ok: true, memberName: '张三' }, { id: 2, ok: false, code: 'CONFLICT', message: '该申请已被处理' }] } }
      },
    })
    await mountPage('/transfers')

    await click(byText(document.body, '.app-nav-action', '批量审核'))
    await click(rowOf('张三'))
    await click(rowOf('李四'))
    await click(byText(document.body, '.transfer-batch-bar button', '同意'))
    await click(byText(document.body, '.van-dialog__confirm', '同意'))
    await flushPromises()

    // Nothing left to retry (the failed row moved on): batch mode ends, 王五 is a plain row again.
    expect(document.querySelectorAll('.todo-check')).toHaveLength(0)
    expect(document.body.textContent).toContain('王五')
    expect(document.body.textContent).not.toContain('已选')
    const failed = document.querySelector('.transfer-batch-result__list')!.textContent!
    expect(failed).toContain('李四')
    expect(failed).toContain('该申请已被处理')
    expect(failed).not.toContain('#2')
  })

  it('returns everything selected with 全选 and one reason', async () => {
    const decide = vi.fn(() => ({ body: { results: rows.map((r) => ({ id: r.id, ok: true, memberName: r.member.name })) } }))
    const { calls } = api(decide)
    const { wrapper } = await mountPage('/transfers')

    await click(byText(document.body, '.app-nav-action', '批量审核'))
    await click(document.querySelector('.transfer-batch-bar__all')!)
    expect(wrapper.text()).toContain('已选 3 项')
    await click(byText(document.body, '.transfer-batch-bar button', '退回'))
    const dialog = document.querySelector<HTMLElement>('.review-return-dialog')!
    expect(dialog.textContent).toContain('批量退回 3 条申请')

    const area = dialog.querySelector('textarea')!
    area.value = '转入团支部信息有误，请核实后重新申请'
    area.dispatchEvent(new Event('input'))
    await click(byText(dialog, '.van-dialog__confirm', '确定退回'))

    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).toMatchObject({ decision: 'return', reason: '转入团支部信息有误，请核实后重新申请' })
    expect(post.body.items).toHaveLength(3)
    expect(document.querySelector('.transfer-batch-result')!.textContent).toContain('成功 3 条')
    expect(wrapper.text()).toContain('您暂无需要审核的转接申请')
  })

  it('offers no batch decisions to a read-only cadre', async () => {
    api()
    stubApi({
      'GET /api/me': me({ account: { id: 2, name: '李团干', kind: 'viewer' } }),
      'GET /api/transfers': { items: rows, nextCursor: null },
    })
    const { wrapper } = await mountPage('/transfers')
    expect(wrapper.text()).toContain('张三')
    expect(wrapper.text()).not.toContain('批量审核')
  })
})
