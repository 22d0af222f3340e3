import { beforeEach, describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'

const w = useWorld()

beforeEach(async () => {
  await w.member('a1', { name: '李雷', profileStatus: 'approved' })
  await w.member('a2', { name: '韩梅梅', profileStatus: 'approved', realNameStatus: 'failed' })
  await w.member('b1', { name: '李明', profileStatus: 'approved' })
})

const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((i) => i.name).sort()

describe('member look-up (团员查询 / 我的团员)', () => {
  it('a branch sees only its own members', async () => {
    const c = await w.as('a1op')
    expect(names(await c.get('/api/members'))).toEqual(['李雷'])
  })

  it('a committee sees the members of all its descendants and no others', async () => {
    const c = await w.as('szuop')
    expect(names(await c.get('/api/members'))).toEqual(['李雷', '韩梅梅'])
    const city = await w.as('szop')
    expect(names(await city.get('/api/members'))).toEqual(['李明', '李雷', '韩梅梅'])
  })

  it('searches by the beginning of the name and filters by status', async () => {
    const city = await w.as('szop')
    expect(names(await city.get(`/api/members?q=${encodeURIComponent('李')}`))).toEqual(['李明', '李雷'])
    expect(names(await city.get('/api/members?realNameStatus=failed'))).toEqual(['韩梅梅'])
  })

  it('pages a subtree by organisation, newest first in each, every member once', async () => {
    await w.member('a1', { name: '王一', profileStatus: 'approved' })
    await w.member('a2', { name: '王二', profileStatus: 'approved' })
    await w.member('a1', { name: '王三', profileStatus: 'approved' })
    const city = await w.as('szop')
    const seen: { id: number; org: { id: number } }[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number; org: { id: number } }[]; nextCursor: string | null } = (await city.get(`/api/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()
      seen.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    const all = await w.ctx.db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id').select(['m.id', 'o.path', 'o.id as org'])
      .where('o.path', 'like', `${w.orgs.sz.path}%`).execute()
    const expected = all.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : y.id - x.id)).map((m) => m.id)
    expect(seen.map((m) => m.id)).toEqual(expected)
    expect(new Set(seen.map((m) => m.org.id)).size).toBe(3)
  })

  it("answers 404 for another organisation's member", async () => {
    const b1member = await w.ctx.db.selectFrom('members').select('id').where('name', '=', '李明').executeTakeFirstOrThrow()
    const c = await w.as('szuop')
    expect((await c.get(`/api/members/${b1member.id}`)).statusCode).toBe(404)
  })

  it('never sends a full ID number or mobile in the list', async () => {
    const c = await w.as('szop')
    const res = await c.get('/api/members')
    expect(res.body).not.toMatch(/\d{17}[\dX]/)
    expect(res.body).not.toMatch(/1[3-9]\d{9}/)
    expect(res.json().items[0].idCardMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
  })
})

describe('sessions and the account', () => {
  it('/api/me tells who is signed in, the CSRF token and the PC site', async () => {
    const c = await w.as('a1op')
    expect((await c.get('/api/me')).json()).toMatchObject({
      account: { name: '张伟', kind: 'operator' },
      org: { code: 'a1', type: 'branch' },
      csrfToken: c.csrfToken,
      pcSiteUrl: 'http://app.test:3000/pc/',
    })
  })

  it('a session expires after the idle time', async () => {
    const c = await w.as('a1op')
    w.ctx.clock.advance(121 * 60_000)
    expect((await c.get('/api/me')).statusCode).toBe(401)
  })

  it('the audit log is for admins only', async () => {
    expect((await (await w.as('a1op')).get('/api/audit-log')).statusCode).toBe(403)
    expect((await (await w.as('a1admin')).get('/api/audit-log')).statusCode).toBe(200)
  })

  it('/healthz answers without a session', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.json()).toEqual({ ok: true })
  })
})
