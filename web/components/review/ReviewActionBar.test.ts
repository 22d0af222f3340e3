import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { closeToast } from 'vant'
import ReviewActionBar from './ReviewActionBar.vue'
import { ApiError } from '@/api/http'
import { approvalGate } from '@shared/realname-gate'

function mountBar(props: Partial<InstanceType<typeof ReviewActionBar>['$props']> = {}) {
  return mount(ReviewActionBar, {
    props: { subject: '张三的团员报到申请', submit: vi.fn().mockResolvedValue({}), ...props },
    attachTo: document.body,
  })
}
const button = (w: ReturnType<typeof mountBar>, text: string) => w.findAll('button').find((b) => b.text() === text)!

afterEach(() => {
  closeToast(true)
  document.body.innerHTML = ''
})

describe('ReviewActionBar', () => {
  it('offers 退回 and 同意', () => {
    const w = mountBar()
    expect(w.find('.review-action-bar').text()).toContain('退回')
    expect(w.find('.review-action-bar').text()).toContain('同意')
  })

  it('asks for confirmation before approving, then approves and reports success', async () => {
    const submit = vi.fn().mockResolvedValue({})
    const w = mountBar({ submit })
    await button(w, '同意').trigger('click')
    expect(w.find('.review-decision__confirm').text()).toContain('确定同意张三的团员报到申请吗？')
    expect(submit).not.toHaveBeenCalled()

    await w.find('.review-decision__confirm .van-dialog__confirm').trigger('click')
    await flushPromises()
    expect(submit).toHaveBeenCalledWith({ decision: 'approve' })
    expect(w.emitted('done')).toEqual([['approve']])
    expect(document.body.textContent).toContain('已同意')
  })

  it('does nothing when the confirmation is cancelled', async () => {
    const submit = vi.fn()
    const w = mountBar({ submit })
    await button(w, '同意').trigger('click')
    await w.find('.review-decision__confirm .van-dialog__cancel').trigger('click')
    await flushPromises()
    expect(submit).not.toHaveBeenCalled()
    expect(w.emitted('done')).toBeUndefined()
  })

  it('shows the server message of a conflict and lets the page refresh', async () => {
    const conflict = new ApiError(409, 'CONFLICT', '该申请已被处理')
    const w = mountBar({ submit: vi.fn().mockRejectedValue(conflict) })
    await button(w, '同意').trigger('click')
    await w.find('.review-decision__confirm .van-dialog__confirm').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('该申请已被处理')
    expect(w.emitted('failed')).toEqual([[conflict]])
    expect(w.emitted('done')).toBeUndefined()
  })

  it('hands 同意 to the real-name gate, without confirming, when the check failed', async () => {
    const submit = vi.fn()
    const w = mountBar({ submit, gate: approvalGate('failed', 'mobile') })
    expect(w.text()).toContain('实名认证未通过，手机上不能同意')
    expect(w.find('.review-action-bar__approve').classes()).not.toContain('van-button--primary')
    await button(w, '到PC端审核').trigger('click')
    expect(w.emitted('blocked')).toEqual([[{ code: 'REALNAME_OFFLINE_REQUIRED' }]])
    expect(w.text()).not.toContain('确定同意')
    expect(submit).not.toHaveBeenCalled()
  })

  it('turns a real-name refusal of the server into the gate, with the server PC link', async () => {
    const refusal = new ApiError(422, 'REALNAME_OFFLINE_REQUIRED', '该团员身份证校验未通过，请到PC端进行审核', 'https://t.example/pc/')
    const w = mountBar({ submit: vi.fn().mockRejectedValue(refusal), gate: approvalGate('passed', 'mobile') })
    await button(w, '同意').trigger('click')
    await w.find('.review-decision__confirm .van-dialog__confirm').trigger('click')
    await flushPromises()
    expect(w.emitted('blocked')).toEqual([[{ code: 'REALNAME_OFFLINE_REQUIRED', pcUrl: 'https://t.example/pc/' }]])
  })

  it('returns with the reason typed in the dialog', async () => {
    const submit = vi.fn().mockResolvedValue({})
    const w = mountBar({ submit })
    await button(w, '退回').trigger('click')
    const dialog = w.find('.review-return-dialog')
    expect(dialog.text()).toContain('退回张三的团员报到申请')
    await dialog.find('textarea').setValue('入团年月填写有误')
    await dialog.find('.van-dialog__confirm').trigger('click')
    await flushPromises()
    expect(submit).toHaveBeenCalledWith({ decision: 'return', reason: '入团年月填写有误' })
    expect(w.emitted('done')).toEqual([['return']])
    expect(document.body.textContent).toContain('已退回')
  })
})
