/**
 * Per-account rate limits (issue #11; docs/CONTRACT.md `RATE_LIMIT_*`): changes, uploads and
 * the integration API answer 429 with Retry-After past their limit, per account, and come
 * back when the window has passed. Small limits here so the test shows the edge.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { makeIdCard } from '../test/fixtures'

const w = useWorld({ env: { RATE_LIMIT_CHANGES_PER_MINUTE: '3', RATE_LIMIT_UPLOADS_PER_HOUR: '2', RATE_LIMIT_INTEGRATION_PER_MINUTE: '2' } })


describe('per-account rate limits', () => {
  it('the 4th change of a minute is a 429 with Retry-After; reads go on, other accounts are not held up, and a minute later it works', async () => {
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => w.member('a1')))
    const op = await w.as('a1op')
    for (const m of members.slice(0, 3)) expect((await op.post(`/api/profile-reviews/${m.reviewId}/decision`, { decision: 'return', reason: '照片不清晰', version: 0 })).statusCode).toBe(200)
    const fourth = await op.post(`/api/profile-reviews/${members[3].reviewId}/decision`, { decision: 'return', reason: '照片不清晰', version: 0 })
    expect(fourth.statusCode).toBe(429)
    expect(fourth.headers['retry-after']).toBe('60')
    expect(fourth.json()).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请1分钟后再试', retryAfter: 60 })
    // Nothing of the refused decision was written.
    expect((await op.get(`/api/profile-reviews/${members[3].reviewId}`)).json().status).toBe('pending')
    expect((await op.get('/api/profile-reviews?status=pending')).statusCode).toBe(200)

    const other = await w.as('a1admin', 'pc')
    expect((await other.post(`/api/profile-reviews/${members[3].reviewId}/decision`, { decision: 'return', reason: '照片不清晰', version: 0 })).statusCode).toBe(200)

    w.ctx.clock.advance(60_000)
    expect((await op.post(`/api/profile-reviews/${members[4].reviewId}/decision`, { decision: 'return', reason: '照片不清晰', version: 0 })).statusCode).toBe(200)
  })

  it('uploads have an hourly limit of their own, refused before a byte of the photos is read', async () => {
    const { reviewId } = await w.member('a1', { realNameStatus: 'failed' })
    const op = await w.as('a1op', 'pc')
    const bodyless = () => w.app.inject({
      method: 'POST', url: `/api/profile-reviews/${reviewId}/offline-verification`,
      headers: { cookie: `sid=${op.token}`, 'x-csrf-token': op.csrfToken, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    })
    // Two refused uploads (no photos) still count: the limit is on attempts.
    for (let i = 0; i < 2; i++) expect((await bodyless()).json().code).not.toBe('RATE_LIMITED')
    // A body that never ends: had it been read before the limit, this would hang.
    const endless = new Readable({ read() {} })
    endless.push('--x\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n')
    const third = await w.app.inject({
      method: 'POST', url: `/api/profile-reviews/${reviewId}/offline-verification`,
      headers: { cookie: `sid=${op.token}`, 'x-csrf-token': op.csrfToken, 'content-type': 'multipart/form-data; boundary=x' },
      payload: endless,
    })
    endless.destroy()
    expect(third.statusCode).toBe(429)
    expect(third.json().message).toBe('每小时最多上传2次核验照片，请稍后再试')
    expect(Number(third.headers['retry-after'])).toBe(3600)
  })

  it('the integration API: past its limit a 429 with Retry-After, nothing registered', async () => {
    const post = (idCard: string) => w.app.inject({
      method: 'POST', url: '/integration/v1/registrations', headers: { authorization: 'Bearer test-integration-token' },
      payload: { org: 'a1', name: '吴敏', idCard, mobile: '13700001111', nation: '汉族', education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05' },
    })
    expect((await post(makeIdCard('20040315'))).statusCode).toBe(201)
    expect((await post(makeIdCard('20040316'))).statusCode).toBe(201)
    const third = await post(makeIdCard('20040317'))
    expect(third.statusCode).toBe(429)
    expect(third.headers['retry-after']).toBe('60')
    expect(await w.ctx.db.selectFrom('members').select('id').where('org_id', '=', w.orgs.a1.id).execute()).toHaveLength(2)
  })
})
