import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { apiError, stubApi } from '@/test-utils/api'
import { me, reviewDetail } from '@/test-utils/fixtures'
import { mountPage, settleVantTimers } from '@/test-utils/mountPage'

vi.mock('@wecom/jssdk', () => ({ env: { isWeCom: false, isWeChat: false }, register: vi.fn() }))

const click = async (el: Element) => {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  await flushPromises()
}
const buttonText = (selector: string, text: string) =>
  [...document.querySelectorAll<HTMLElement>(selector)].find((el) => el.textContent?.trim() === text)!

afterAll(settleVantTimers)
afterEach(() => {
  closeToast(true)
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe('资料审核 detail', () => {
  it('shows the member with masked numbers and the real-name status', async () => {
    stubApi({ 'GET /api/me': me(), 'GET /api/profile-reviews/5': reviewDetail() })
    const { wrapper } = await mountPage('/reviews/5')
    expect(wrapper.text()).toContain('张三')
    expect(wrapper.text()).toContain('团员报到')
    expect(wrapper.text()).toContain('4403**********1234')
    expect(wrapper.text()).toContain('138****5678')
    expect(wrapper.text()).toContain('实名通过')
  })

  it('shows a change as 申请项目 / 申请前 / 申请内容', async () => {
    stubApi({
      'GET /api/me': me(),
      'GET /api/profile-reviews/5': reviewDetail({
        kind: 'change',
        changes: [{ field: 'politicalOutlook', label: '政治面貌', before: '共青团员', after: '中共预备党员' }],
      }),
    })
    const { wrapper } = await mountPage('/reviews/5')
    const table = wrapper.find('.review-changes')
    expect(table.text()).toContain('申请项目')
    expect(table.text()).toContain('申请前')
    expect(table.text()).toContain('申请内容')
    expect(table.text()).toContain('政治面貌共青团员中共预备党员')
  })

  it('stops 同意 at the real-name gate when the check failed, and sends nothing', async () => {
    const { calls } = stubApi({ 'GET /api/me': me(), 'GET /api/profile-reviews/5': reviewDetail({ realNameStatus: 'failed' }) })
    const { wrapper } = await mountPage('/reviews/5')
    expect(wrapper.text()).toContain('系统将在24小时内自动复核')
    await click(buttonText('.review-action-bar button', '到PC端审核'))
    expect(document.body.textContent).toContain('该团员身份证校验未通过，请到PC端进行审核')
    expect(document.body.textContent).toContain('http://localhost:3000/pc/')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  it('approves after confirmation and goes back to the list', async () => {
    const { calls } = stubApi({
      'GET /api/me': me(),
      'GET /api/profile-reviews/5': reviewDetail(),
      'POST /api/profile-reviews/5/decision': reviewDetail({ status: 'approved', canDecide: false }),
      'GET /api/profile-reviews': { items: [], nextCursor: null },
    })
    const { router } = await mountPage('/reviews/5')
    await click(buttonText('.review-action-bar button', '同意'))
    await click(buttonText('.van-dialog__confirm', '同意'))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ decision: 'approve', version: 2 })
    expect(document.body.textContent).toContain('已同意')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/reviews'))
  })

  it('says 该申请已被处理 on a conflict and shows the request as it now is', async () => {
    let decided = false
    stubApi({
      'GET /api/me': me(),
      'GET /api/profile-reviews/5': () => ({
        body: decided ? reviewDetail({ status: 'approved', canDecide: false, decidedAt: '2026-11-24T02:00:00Z' }) : reviewDetail(),
      }),
      'POST /api/profile-reviews/5/decision': () => {
        decided = true
        return apiError(409, 'CONFLICT', '该申请已被处理')
      },
    })
    const { wrapper } = await mountPage('/reviews/5')
    await click(buttonText('.review-action-bar button', '同意'))
    await click(buttonText('.van-dialog__confirm', '同意'))
    expect(document.body.textContent).toContain('该申请已被处理')
    expect(wrapper.find('.review-action-bar').exists()).toBe(false)
    expect(wrapper.text()).toContain('已通过')
  })

  it('gives a read-only cadre no 同意 / 退回', async () => {
    stubApi({ 'GET /api/me': me(), 'GET /api/profile-reviews/5': reviewDetail({ canDecide: false }) })
    const { wrapper } = await mountPage('/reviews/5')
    expect(wrapper.text()).toContain('张三')
    expect(wrapper.find('.review-action-bar').exists()).toBe(false)
  })
})
