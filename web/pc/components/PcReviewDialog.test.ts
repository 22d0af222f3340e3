import { afterAll, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { stubApi, apiError } from '@/test-utils/api'
import { reviewDetail } from '@/test-utils/fixtures'
import { settleVantTimers } from '@/test-utils/mountPage'
import { cleanUpAfterEach } from '@/test-utils/cleanup'
import { setCsrfSource } from '@/api/http'
import PcReviewDialog from './PcReviewDialog.vue'
import { click, byText, radio, bodyText, settle, photo, pick } from '../test-utils'

function mountDialog() {
  const wrapper = mount(PcReviewDialog, {
    props: { show: true, reviewId: 5, 'onUpdate:show': (v: boolean) => void wrapper.setProps({ show: v }) },
    attachTo: document.body,
  })
  return wrapper
}
const modal = () => document.querySelector<HTMLElement>('.pc-modal')!
async function type(selector: string, text: string) {
  const el = modal().querySelector<HTMLTextAreaElement>(selector)!
  el.value = text
  el.dispatchEvent(new Event('input'))
  await settle(2)
}

afterAll(settleVantTimers)
cleanUpAfterEach()

describe('资料审核 on the PC', () => {
  it('for a failed real-name check: the offline check is explained, and 通过 sends the explanation and the photos as one multipart request', async () => {
    setCsrfSource(() => 'tok')
    const { fetchMock } = stubApi({
      'GET /api/profile-reviews/5': reviewDetail({ realNameStatus: 'failed', version: 4 }),
      'POST /api/profile-reviews/5/offline-verification': reviewDetail({ realNameStatus: 'offline_passed', status: 'approved' }),
    })
    const w = mountDialog()
    await settle()
    expect(modal().textContent).toContain('该团员实名认证状态为“未通过”，组织需要线下核验团员身份信息')
    expect(modal().textContent).toContain('系统将在24小时内自动复核')

    await click(radio('通过（线下核验无误）'))
    await type('textarea', '已当面核对身份证原件')
    await pick(modal().querySelector('input[type="file"]')!, [photo('正面.png'), photo('背面.jpg', 'jpeg')])
    await click(byText('确定', 'button'))
    await settle()

    const [url, init] = fetchMock.mock.calls.at(-1)!
    expect(String(url)).toBe('/api/profile-reviews/5/offline-verification')
    expect(init?.method).toBe('POST')
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok')
    expect((init?.headers as Record<string, string>)['Content-Type']).toBeUndefined() // the browser sets the boundary
    const form = init?.body as FormData
    expect(form.get('reason')).toBe('已当面核对身份证原件')
    expect(form.get('version')).toBe('4')
    expect(form.getAll('photos').map((f) => (f as File).name)).toEqual(['正面.png', '背面.jpg'])
    expect(w.emitted('decided')).toHaveLength(1)
    expect(w.props('show')).toBe(false)
    expect(bodyText()).toContain('已通过，实名认证状态：线下通过')
    w.unmount()
  })

  it('does not send the offline form without photos', async () => {
    const { calls } = stubApi({ 'GET /api/profile-reviews/5': reviewDetail({ realNameStatus: 'failed' }) })
    const w = mountDialog()
    await settle()
    await click(radio('通过（线下核验无误）'))
    await type('textarea', '已当面核对身份证原件')
    await click(byText('确定', 'button'))
    expect(bodyText()).toContain('请上传团员手持身份证正反面的照片')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
    w.unmount()
  })

  it('offline verification offers 显示完整号码, which asks the server once and shows the number', async () => {
    const { calls } = stubApi({
      'GET /api/profile-reviews/5': reviewDetail({ realNameStatus: 'failed' }),
      'POST /api/members/501/reveal-id-card': { idCard: '440305200501010012' },
    })
    const w = mountDialog()
    await settle()
    expect(modal().textContent).not.toContain('显示完整号码')
    await click(radio('通过（线下核验无误）'))
    expect(modal().textContent).toContain('4403**********1234')
    await click(byText('显示完整号码', 'button'))
    await settle()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/members/501/reveal-id-card'])
    expect(modal().textContent).toContain('440305200501010012')
    expect(modal().textContent).toContain('本次查看已记入操作日志')
    w.unmount()
  })

  it('for a passed real-name check: 通过 is a plain approval with the version', async () => {
    const { calls } = stubApi({
      'GET /api/profile-reviews/5': reviewDetail({ version: 2 }),
      'POST /api/profile-reviews/5/decision': reviewDetail({ status: 'approved' }),
    })
    const w = mountDialog()
    await settle()
    expect(modal().textContent).not.toContain('线下核验团员身份信息')
    await click(radio('通过'))
    await click(byText('确定', 'button'))
    await settle()
    expect(calls.at(-1)!.body).toEqual({ decision: 'approve', version: 2 })
    w.unmount()
  })

  it('退回 needs a reason, sent trimmed', async () => {
    const { calls } = stubApi({
      'GET /api/profile-reviews/5': reviewDetail({ version: 2 }),
      'POST /api/profile-reviews/5/decision': reviewDetail({ status: 'returned' }),
    })
    const w = mountDialog()
    await settle()
    await click(radio('退回'))
    await click(byText('确定', 'button'))
    expect(bodyText()).toContain('请填写退回原因')
    await type('textarea', '  入团年月有误  ')
    await click(byText('确定', 'button'))
    await settle()
    expect(calls.at(-1)!.body).toEqual({ decision: 'return', reason: '入团年月有误', version: 2 })
    w.unmount()
  })

  it('says 该申请已被处理 on a 409 and asks the list to reload', async () => {
    stubApi({
      'GET /api/profile-reviews/5': reviewDetail(),
      'POST /api/profile-reviews/5/decision': apiError(409, 'CONFLICT', '该申请已被处理'),
    })
    const w = mountDialog()
    await settle()
    await click(radio('通过'))
    await click(byText('确定', 'button'))
    await settle()
    expect(bodyText()).toContain('该申请已被处理')
    expect(w.emitted('stale')).toHaveLength(1)
    expect(w.props('show')).toBe(false)
    w.unmount()
  })

  it('shows a refusal as the API wrote it and stays open', async () => {
    stubApi({
      'GET /api/profile-reviews/5': reviewDetail(),
      'POST /api/profile-reviews/5/decision': apiError(422, 'LEAGUE_STATUS_ABNORMAL', '该团员团籍状态不正常，无法审核通过'),
    })
    const w = mountDialog()
    await settle()
    await click(radio('通过'))
    await click(byText('确定', 'button'))
    await settle()
    expect(modal().textContent).toContain('该团员团籍状态不正常，无法审核通过')
    expect(w.props('show')).toBe(true)
    w.unmount()
  })
})
