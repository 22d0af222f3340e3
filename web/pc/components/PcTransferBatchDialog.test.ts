import { afterAll, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { stubApi, apiError } from '@/test-utils/api'
import { transferItem } from '@/test-utils/fixtures'
import { settleVantTimers } from '@/test-utils/mountPage'
import { cleanUpAfterEach } from '@/test-utils/cleanup'
import { setCsrfSource } from '@/api/http'
import PcTransferBatchDialog from './PcTransferBatchDialog.vue'
import { click, byText, radio, bodyText, settle } from '../test-utils'

const items = [transferItem(1, '张三', { version: 3 }), transferItem(2, '李四', { version: 7 }), transferItem(3, '王五', { version: 1 })]

function mountDialog() {
  const wrapper = mount(PcTransferBatchDialog, {
    props: { show: true, items, 'onUpdate:show': (v: boolean) => void wrapper.setProps({ show: v }) },
    attachTo: document.body,
  })
  return wrapper
}
const dialog = () => document.querySelector<HTMLElement>('.pc-modal')!
const reasonBox = () => dialog().querySelector('textarea')!
async function type(text: string) {
  reasonBox().value = text
  reasonBox().dispatchEvent(new Event('input'))
  await settle(2)
}

afterAll(settleVantTimers)
cleanUpAfterEach()

describe('审核 of several transfers at once', () => {
  it('lists the selected names and their count', async () => {
    stubApi({})
    const w = mountDialog()
    await settle(2)
    expect(dialog().textContent).toContain('已选择 3 名团员的转接申请')
    const names = [...dialog().querySelectorAll('[aria-label="已选择的团员"] li')].map((li) => li.textContent?.trim())
    expect(names).toEqual(['张三', '李四', '王五'])
    w.unmount()
  })

  it('asks for 同意 or 退回, and a reason for 退回, before sending anything', async () => {
    const { calls } = stubApi({})
    const w = mountDialog()
    await settle(2)
    await click(byText('确定', 'button'))
    expect(bodyText()).toContain('请选择“同意”或“退回”')
    await click(radio('退回'))
    await click(byText('确定退回', 'button'))
    expect(bodyText()).toContain('请填写退回原因')
    await type('   ')
    await click(byText('确定退回', 'button'))
    expect(bodyText()).toContain('请填写退回原因')
    // Only the 常用退回原因 look-up went out; no decision.
    expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0)
    w.unmount()
  })

  it('returns all with one reason and each one’s version, then shows a result per row', async () => {
    setCsrfSource(() => 'tok')
    const { calls } = stubApi({
      'POST /api/transfers/decisions': {
        results: [
          { id: 1, ok: true, memberName: '张三' },
          { id: 2, ok: false, code: 'CONFLICT', message: '该申请已被处理', memberName: '李四' },
          { id: 3, ok: true },
        ],
      },
    })
    const w = mountDialog()
    await settle(2)
    await click(radio('退回'))
    await type('  转入单位填写有误  ')
    expect(dialog().textContent).toContain('12/249')
    await click(byText('确定退回', 'button'))
    await settle()
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0].headers['x-csrf-token']).toBe('tok')
    expect(posts[0].body).toEqual({
      items: [
        { id: 1, version: 3 },
        { id: 2, version: 7 },
        { id: 3, version: 1 },
      ],
      decision: 'return',
      reason: '转入单位填写有误',
    })
    expect(dialog().textContent).toContain('成功 2 条')
    expect(dialog().textContent).toContain('未成功 1 条')
    const rows = [...dialog().querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))
    expect(rows).toEqual([
      ['张三', '已退回', ''],
      ['李四', '未成功', '该申请已被处理'],
      ['王五', '已退回', ''],
    ])
    await click(byText('完成', 'button'))
    expect(w.emitted('done')?.[0][0]).toHaveLength(3)
    expect(w.props('show')).toBe(false)
    w.unmount()
  })

  it('approves without a reason, and keeps the dialog open with the API’s message when the request fails', async () => {
    let n = 0
    const { calls } = stubApi({
      'POST /api/transfers/decisions': () =>
        n++ === 0 ? apiError(429, 'RATE_LIMITED', '操作过于频繁，请稍后再试') : { body: { results: items.map((t) => ({ id: t.id, ok: true })) } },
    })
    const w = mountDialog()
    await settle(2)
    await click(radio('同意'))
    await click(byText('确定同意', 'button'))
    await settle()
    expect(bodyText()).toContain('操作过于频繁，请稍后再试')
    expect(w.props('show')).toBe(true)
    await click(byText('确定同意', 'button'))
    await settle()
    expect(calls[1].body).toEqual({ items: items.map((t) => ({ id: t.id, version: t.version })), decision: 'approve' })
    expect(dialog().textContent).toContain('成功 3 条')
    w.unmount()
  })
})
