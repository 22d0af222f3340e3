/**
 * web/index.html's inline script starts the first screen's reads before the app's script has
 * arrived (issue #12); the app must take those answers instead of asking again. Run here as the
 * browser runs it, against the real API functions the screens call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PAGE_LIMIT_DEFAULT } from '@shared/limits'
import { apiError, stubApi } from '@/test-utils/api'
import { getDashboard, getMe } from './session'
import { listProfileReviews } from './reviews'
import { request } from './http'
import html from '../index.html?raw'

const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(html)![1]

function openAt(hash: string) {
  window.location.hash = hash
  new Function(inlineScript)()
}

afterEach(() => {
  vi.unstubAllGlobals()
  delete window.__earlyReads
  window.location.hash = ''
})

describe('the reads web/index.html starts', () => {
  it('on 资料审核: the session and the first page of 待审核 leave at once, and the page takes them without asking again', async () => {
    let n = 0
    const { calls } = stubApi({ 'GET /api/me': { n: ++n }, 'GET /api/profile-reviews': () => ({ body: { items: [], nextCursor: null, n: ++n } }) })
    openAt('#/reviews')
    expect(calls.map((c) => `${c.path}?${c.query}`)).toEqual(['/api/me?', `/api/profile-reviews?state=pending&limit=${PAGE_LIMIT_DEFAULT}`])
    // The very calls ReviewListPage and the session store make.
    await expect(listProfileReviews({ state: 'pending', cursor: null, limit: PAGE_LIMIT_DEFAULT })).resolves.toMatchObject({ items: [] })
    await getMe()
    expect(calls).toHaveLength(2)
    // Each answer serves once: a refresh asks the server.
    await listProfileReviews({ state: 'pending', cursor: null, limit: PAGE_LIMIT_DEFAULT })
    expect(calls).toHaveLength(3)
  })

  it('on the home page: the session and the counts', async () => {
    const { calls } = stubApi({ 'GET /api/me': {}, 'GET /api/dashboard': { profileReviews: { pending: 3 } } })
    openAt('')
    expect(calls.map((c) => c.path)).toEqual(['/api/me', '/api/dashboard'])
    await expect(getDashboard()).resolves.toMatchObject({ profileReviews: { pending: 3 } })
    expect(calls).toHaveLength(2)
  })

  it('elsewhere only the session, and other reads of the same path still go to the server', async () => {
    const { calls } = stubApi({ 'GET /api/me': {}, 'GET /api/profile-reviews': { items: [], nextCursor: null } })
    openAt('#/reviews?tab=handled')
    expect(calls.map((c) => c.path)).toEqual(['/api/me'])
    await listProfileReviews({ state: 'handled', cursor: null, limit: PAGE_LIMIT_DEFAULT })
    expect(calls.map((c) => `${c.path}?${c.query}`)).toEqual(['/api/me?', `/api/profile-reviews?state=handled&limit=${PAGE_LIMIT_DEFAULT}`])
  })

  it('an early read the server refused fails the same way a late one would, with the message as written', async () => {
    const { calls } = stubApi({ 'GET /api/dashboard': apiError(500, 'INTERNAL', '服务器开小差了') })
    openAt('#/')
    await expect(request('GET', '/api/dashboard')).rejects.toMatchObject({ status: 500, message: '服务器开小差了' })
    expect(calls.filter((c) => c.path === '/api/dashboard')).toHaveLength(1)
  })

  it('an early read that found no network says so, as a late one does', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    openAt('#/reviews')
    await expect(getMe()).rejects.toMatchObject({ code: 'NETWORK', message: '网络异常，请检查网络后重试' })
  })
})
