import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { stubApi, apiError } from '@/test-utils/api'
import ReviewReturnDialog from './ReviewReturnDialog.vue'
import ReturnReasonPicker from './ReturnReasonPicker.vue'

afterEach(() => vi.unstubAllGlobals())

const reasons = {
  'GET /api/return-reasons': (req: { query: URLSearchParams }) => ({
    body: req.query.get('kind') === 'transfer'
      ? { presets: ['转入组织选择有误，请重新选择'], recent: [] }
      : { presets: ['身份证号码与姓名不一致', '入团年月有误', '照片不清晰'], recent: ['入团年月有误', '单位名称请写全称'] },
  }),
}

const chips = (w: { findAll: (s: string) => { text: () => string }[] }) => w.findAll('.reason-picker__chip').map((c) => c.text())

describe('常用退回原因 picker', () => {
  it('offers my recent reasons first, then the presets not among them, for the kind asked', async () => {
    const { calls } = stubApi(reasons)
    const w = mount(ReturnReasonPicker, { props: { kind: 'profile', active: true } })
    expect(w.text()).toContain('正在加载常用原因')
    await flushPromises()
    expect(chips(w)).toEqual(['入团年月有误', '单位名称请写全称', '身份证号码与姓名不一致', '照片不清晰'])
    expect(w.text()).toContain('最近使用')
    await w.setProps({ kind: 'transfer' })
    await flushPromises()
    expect(chips(w)).toEqual(['转入组织选择有误，请重新选择'])
    expect(calls.map((c) => c.query.get('kind'))).toEqual(['profile', 'transfer'])
  })

  it('loads nothing while the dialog is closed and shows nothing when loading fails', async () => {
    const { calls } = stubApi({ 'GET /api/return-reasons': apiError(500, 'INTERNAL', '系统繁忙') })
    const w = mount(ReturnReasonPicker, { props: { kind: 'profile', active: false } })
    await flushPromises()
    expect(calls).toHaveLength(0)
    await w.setProps({ active: true })
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(chips(w)).toEqual([])
  })

  it('fills the 退回 field with one tap; the text stays editable and keeps the 1–249 rule', async () => {
    stubApi(reasons)
    const submit = vi.fn(async () => ({}))
    const w = mount(ReviewReturnDialog, {
      props: { show: true, submit, 'onUpdate:show': (v: boolean) => void w.setProps({ show: v }) },
      attachTo: document.body,
    })
    await flushPromises()
    const chip = w.findAll('.reason-picker__chip').find((c) => c.text() === '身份证号码与姓名不一致')!
    await chip.trigger('click')
    const field = w.find('textarea')
    expect((field.element as HTMLTextAreaElement).value).toBe('身份证号码与姓名不一致')
    await field.setValue('  ')
    await w.find('.van-dialog__confirm').trigger('click')
    await flushPromises()
    expect(submit).not.toHaveBeenCalled()
    expect(w.text()).toContain('请填写退回原因')
    await field.setValue('身份证号码与姓名不一致，请核对后重新提交')
    await w.find('.van-dialog__confirm').trigger('click')
    await flushPromises()
    expect(submit).toHaveBeenCalledWith('身份证号码与姓名不一致，请核对后重新提交')
    w.unmount()
  })
})
