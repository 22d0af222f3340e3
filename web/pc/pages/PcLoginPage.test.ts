import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { stubApi, apiError } from '@/test-utils/api'
import { me } from '@/test-utils/fixtures'
import { settleVantTimers } from '@/test-utils/mountPage'
import { setUnauthenticatedHandler } from '@/api/http'
import { mountPc, settle, click, byText, bodyText } from '../test-utils'

afterAll(settleVantTimers)
afterEach(() => {
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
  setUnauthenticatedHandler(null)
})

const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!
async function type(name: string, value: string) {
  input(name).value = value
  input(name).dispatchEvent(new Event('input'))
  await settle(1)
}

describe('logging in to the PC workbench', () => {
  it('without a session shows the login page, remembering the screen asked for', async () => {
    stubApi({ 'GET /api/me': apiError(401, 'UNAUTHENTICATED', '登录已过期，请重新进入') })
    const { router, wrapper } = await mountPc('/transfers')
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.next).toBe('/transfers')
    expect(bodyText()).toContain('组织账号登录')
    expect(bodyText()).toContain('运营者登录')
    const wecom = byText<HTMLAnchorElement>('企业微信扫码登录', 'a')
    expect(wecom.getAttribute('href')).toBe('/auth/login?next=%2Fpc%2F%23%2Ftransfers')
    wrapper.unmount()
  })

  it('shows the one generic error as the server wrote it, and the wait', async () => {
    let n = 0
    const { calls } = stubApi({
      'GET /api/me': apiError(401, 'UNAUTHENTICATED', '登录已过期，请重新进入'),
      'POST /auth/password': () =>
        n++ === 0 ? apiError(401, 'LOGIN_FAILED', '账号或密码错误') : apiError(429, 'LOGIN_DELAYED', '账号或密码错误次数过多，请30秒后再试'),
    })
    const { router, wrapper } = await mountPc('/members')
    await settle()
    await type('org-code', 'b-001')
    await type('password', 'wrong')
    await click(byText('登录', 'button'))
    await settle()
    expect(bodyText()).toContain('账号或密码错误')
    expect(router.currentRoute.value.name).toBe('login') // a failed login is not "go to login again"
    expect(calls.find((c) => c.path === '/auth/password')!.body).toEqual({ account: 'b-001', password: 'wrong' })
    await click(byText('登录', 'button'))
    await settle()
    expect(bodyText()).toContain('账号或密码错误次数过多，请30秒后再试')
    wrapper.unmount()
  })

  it('an operator logs in with the mobile number, checked before sending', async () => {
    let signedIn = false
    const { calls } = stubApi({
      'GET /api/me': () => (signedIn ? { body: me() } : apiError(401, 'UNAUTHENTICATED', '登录已过期，请重新进入')),
      'GET /api/dashboard': { profileReviews: { pending: 0 }, transfers: { pending: 0, overdue: 0 }, allocations: { pending: 0, overdue: 0 } },
      'GET /api/members': { items: [], nextCursor: null },
      'POST /auth/password': () => {
        signedIn = true
        return { body: { ok: true } }
      },
    })
    const { router, wrapper } = await mountPc('/members')
    await settle()
    await click(byText('运营者登录', 'button'))
    await type('mobile', '1380000')
    await type('password', 'demo1234')
    await click(byText('登录', 'button'))
    expect(bodyText()).toContain('请输入正确的11位手机号码')
    expect(calls.some((c) => c.path === '/auth/password')).toBe(false)

    await type('mobile', '13926001007')
    await click(byText('登录', 'button'))
    // The page asked for loads lazily (a module import), so wait for it rather than a fixed tick count.
    await vi.waitFor(() => expect(bodyText()).toContain('没有符合条件的团员'), { timeout: 5000 })
    expect(router.currentRoute.value.path).toBe('/members')
    expect(bodyText()).toContain('广州大学第一团支部')
    wrapper.unmount()
  })

  it('a session that expires while working goes to the login page and back to the same screen', async () => {
    let expired = false
    stubApi({
      'GET /api/me': me(),
      'GET /api/dashboard': { profileReviews: { pending: 0 }, transfers: { pending: 0, overdue: 0 }, allocations: { pending: 0, overdue: 0 } },
      'GET /api/members': () => (expired ? apiError(401, 'UNAUTHENTICATED', '登录已过期，请重新进入') : { body: { items: [], nextCursor: null } }),
    })
    const { router, wrapper } = await mountPc('/members?realNameStatus=failed')
    await settle()
    expired = true
    await click(byText('查询', 'button'))
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.next).toBe('/members?realNameStatus=failed')
    wrapper.unmount()
  })
})
