import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import TransferBatchBar from './TransferBatchBar.vue'

function mountBar(ids: number[], selected: number[] = []) {
  const w = mount(TransferBatchBar, {
    props: { ids, selected, 'onUpdate:selected': (v: number[]) => void w.setProps({ selected: v }) },
  })
  return w
}
const checkAll = (w: ReturnType<typeof mountBar>) => w.find('.transfer-batch-bar__all')
const button = (w: ReturnType<typeof mountBar>, text: string) => w.findAll('button').find((b) => b.text() === text)!

describe('TransferBatchBar', () => {
  it('selects every row with 全选, and clears them all again', async () => {
    const w = mountBar([1, 2, 3])
    await checkAll(w).trigger('click')
    expect(w.props('selected')).toEqual([1, 2, 3])
    expect(w.text()).toContain('已选 3 项')
    expect(checkAll(w).attributes('aria-checked')).toBe('true')

    await checkAll(w).trigger('click')
    expect(w.props('selected')).toEqual([])
    expect(w.text()).toContain('已选 0 项')
  })

  it('shows a partial selection as indeterminate, and completes it with 全选', async () => {
    const w = mountBar([1, 2, 3], [2])
    expect(checkAll(w).find('.van-checkbox__icon--indeterminate').exists()).toBe(true)
    expect(w.text()).toContain('已选 1 项')
    await checkAll(w).trigger('click')
    expect(w.props('selected')).toEqual([1, 2, 3])
  })

  it('keeps 同意 and 退回 disabled until something is selected', async () => {
    const w = mountBar([1, 2])
    expect(button(w, '同意').attributes('disabled')).toBeDefined()
    expect(button(w, '退回').attributes('disabled')).toBeDefined()
    await w.setProps({ selected: [1] })
    expect(button(w, '同意').attributes('disabled')).toBeUndefined()
    expect(button(w, '退回').attributes('disabled')).toBeUndefined()
  })

  it('hands the selection to 同意 and to 退回', async () => {
    const w = mountBar([1, 2, 3], [3, 1])
    await button(w, '同意').trigger('click')
    await button(w, '退回').trigger('click')
    expect(w.emitted('approve')).toEqual([[[3, 1]]])
    expect(w.emitted('return')).toEqual([[[3, 1]]])
  })

  it('cannot select anything when the list is empty', async () => {
    const w = mountBar([])
    await checkAll(w).trigger('click')
    expect(w.props('selected')).toEqual([])
  })
})
