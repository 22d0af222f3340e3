import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ReviewReturnDialog from './ReviewReturnDialog.vue'
import { ApiError } from '@/api/http'


function mountDialog(submit: (reason: string) => Promise<unknown>) {
  const wrapper = mount(ReviewReturnDialog, {
    props: { show: true, submit, 'onUpdate:show': (v: boolean) => void wrapper.setProps({ show: v }) },
    attachTo: document.body,
  })
  return wrapper
}

const confirm = (w: ReturnType<typeof mountDialog>) => w.find('.van-dialog__confirm').trigger('click')
const isOpen = (w: ReturnType<typeof mountDialog>) => w.props('show') === true

describe('ReviewReturnDialog', () => {
  it('refuses an empty reason, says why, and stays open', async () => {
    const submit = vi.fn()
    const w = mountDialog(submit)
    await w.find('textarea').setValue('   ')
    await confirm(w)
    await flushPromises()
    expect(submit).not.toHaveBeenCalled()
    expect(w.text()).toContain('请填写退回原因')
    expect(isOpen(w)).toBe(true)
    w.unmount()
  })

  it('counts the characters and accepts at most 249', async () => {
    const w = mountDialog(vi.fn())
    await w.find('textarea').setValue('资料有误')
    expect(w.text()).toContain('4/249')
    await w.find('textarea').setValue('退'.repeat(300))
    expect((w.find('textarea').element as HTMLTextAreaElement).value).toHaveLength(249)
    expect(w.text()).toContain('249/249')
    w.unmount()
  })

  it('stays open with the server message until the server accepts, keeping the text', async () => {
    const submit = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络异常，请检查网络后重试'))
      .mockResolvedValueOnce({})
    const w = mountDialog(submit)
    await w.find('textarea').setValue('身份证号码与本人不符')
    await confirm(w)
    await flushPromises()
    expect(w.text()).toContain('网络异常，请检查网络后重试')
    expect(isOpen(w)).toBe(true)
    expect((w.find('textarea').element as HTMLTextAreaElement).value).toBe('身份证号码与本人不符')

    await confirm(w)
    await flushPromises()
    expect(submit).toHaveBeenCalledTimes(2)
    expect(isOpen(w)).toBe(false)
    expect(w.emitted('done')).toEqual([['身份证号码与本人不符']])
    w.unmount()
  })

  it('sends the reason trimmed', async () => {
    const submit = vi.fn().mockResolvedValue({})
    const w = mountDialog(submit)
    await w.find('textarea').setValue('  请补充入团年月  ')
    await confirm(w)
    await flushPromises()
    expect(submit).toHaveBeenCalledWith('请补充入团年月')
    w.unmount()
  })

  it('closes and reports a conflict, since the request was already decided', async () => {
    const conflict = new ApiError(409, 'CONFLICT', '该申请已被处理')
    const w = mountDialog(vi.fn().mockRejectedValue(conflict))
    await w.find('textarea').setValue('资料不全')
    await confirm(w)
    await flushPromises()
    expect(isOpen(w)).toBe(false)
    expect(w.emitted('failed')).toEqual([[conflict]])
    w.unmount()
  })

  it('closes on 取消 without sending anything', async () => {
    const submit = vi.fn()
    const w = mountDialog(submit)
    await w.find('.van-dialog__cancel').trigger('click')
    await flushPromises()
    expect(isOpen(w)).toBe(false)
    expect(submit).not.toHaveBeenCalled()
    w.unmount()
  })
})
