import { afterEach, describe, expect, it, vi } from 'vitest'
import { request, setCsrfSource, loginUrl, ApiError } from './http'
import { apiError, stubApi } from '@/test-utils/api'

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfSource(() => '')
})

describe('the API wrapper', () => {
  it('sends the CSRF token on changes but not on reads', async () => {
    const { calls } = stubApi({ 'GET /api/x': { ok: 1 }, 'POST /api/x': { ok: 2 } })
    setCsrfSource(() => 'tok')
    await request('GET', '/api/x')
    await request('POST', '/api/x', { body: { a: 1 } })
    expect(calls[0].headers['x-csrf-token']).toBeUndefined()
    expect(calls[1].headers['x-csrf-token']).toBe('tok')
    expect(calls[1].headers['content-type']).toBe('application/json')
  })

  it('turns the error shape into an ApiError carrying the message as written', async () => {
    stubApi({ 'POST /api/x': apiError(422, 'REALNAME_OFFLINE_REQUIRED', '该团员身份证校验未通过，请到PC端进行审核', { pcUrl: 'https://t/pc/' }) })
    const e = await request('POST', '/api/x', { body: {} }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 422, code: 'REALNAME_OFFLINE_REQUIRED', message: '该团员身份证校验未通过，请到PC端进行审核', pcUrl: 'https://t/pc/' })
  })

  it('fetches a fresh CSRF token once when the server refuses a stale one', async () => {
    let n = 0
    const { calls } = stubApi({ 'POST /api/x': () => (n++ === 0 ? apiError(403, 'CSRF', '页面已过期，请刷新后重试') : { body: { ok: true } }) })
    setCsrfSource((refresh) => (refresh ? 'new' : 'old'))
    await expect(request('POST', '/api/x', { body: {} })).resolves.toEqual({ ok: true })
    expect(calls.map((c) => c.headers['x-csrf-token'])).toEqual(['old', 'new'])
  })

  it('says the network failed when there is no answer at all', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ code: 'NETWORK', message: '网络异常，请检查网络后重试' })
  })

  it('builds the login address back to the current screen, hash included', () => {
    expect(loginUrl({ pathname: '/', search: '', hash: '#/transfers/12' })).toBe('/auth/login?next=%2F%23%2Ftransfers%2F12')
  })

  it('sends an expired session back to login', async () => {
    stubApi({ 'GET /api/me': apiError(401, 'UNAUTHENTICATED', '登录已过期，请重新进入') })
    window.location.hash = '#/reviews/5'
    const hrefs: string[] = []
    const spy = vi.spyOn(window, 'location', 'get').mockReturnValue({
      pathname: '/',
      search: '',
      hash: '#/reviews/5',
      set href(v: string) {
        hrefs.push(v)
      },
    } as unknown as Location)
    await expect(request('GET', '/api/me')).rejects.toMatchObject({ status: 401 })
    expect(hrefs).toEqual(['/auth/login?next=%2F%23%2Freviews%2F5'])
    spy.mockRestore()
  })
})
