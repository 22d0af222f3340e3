import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { loginAs, type TestContext } from '../test/context'
import { provinceApp, addMember, type Province } from '../test/fixtures'

let ctx: TestContext
let app: FastifyInstance
let p: Province
let close: () => Promise<void>

beforeEach(async () => {
  ;({ ctx, app, p, close } = await provinceApp())
  await addMember(ctx, p.orgs.a1, { name: '李雷', profileStatus: 'approved' })
  await addMember(ctx, p.orgs.a2, { name: '韩梅梅', profileStatus: 'approved', realNameStatus: 'failed' })
  await addMember(ctx, p.orgs.b1, { name: '李明', profileStatus: 'approved' })
})
afterEach(() => close())

const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((i) => i.name).sort()

describe('member look-up (团员查询 / 我的团员)', () => {
  it('a branch sees only its own members', async () => {
    const c = await loginAs(app, ctx, p.accounts.a1op)
    expect(names(await c.get('/api/members'))).toEqual(['李雷'])
  })

  it('a committee sees the members of all its descendants and no others', async () => {
    const c = await loginAs(app, ctx, p.accounts.szuop)
    expect(names(await c.get('/api/members'))).toEqual(['李雷', '韩梅梅'])
    const city = await loginAs(app, ctx, p.accounts.szop)
    expect(names(await city.get('/api/members'))).toEqual(['李明', '李雷', '韩梅梅'])
  })

  it('searches by the beginning of the name and filters by status', async () => {
    const city = await loginAs(app, ctx, p.accounts.szop)
    expect(names(await city.get(`/api/members?q=${encodeURIComponent('李')}`))).toEqual(['李明', '李雷'])
    expect(names(await city.get('/api/members?realNameStatus=failed'))).toEqual(['韩梅梅'])
  })

  it("answers 404 for another organisation's member", async () => {
    const b1member = await ctx.db.selectFrom('members').select('id').where('name', '=', '李明').executeTakeFirstOrThrow()
    const c = await loginAs(app, ctx, p.accounts.szuop)
    expect((await c.get(`/api/members/${b1member.id}`)).statusCode).toBe(404)
  })

  it('never sends a full ID number or mobile in the list', async () => {
    const c = await loginAs(app, ctx, p.accounts.szop)
    const res = await c.get('/api/members')
    expect(res.body).not.toMatch(/\d{17}[\dX]/)
    expect(res.body).not.toMatch(/1[3-9]\d{9}/)
    expect(res.json().items[0].idCardMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
  })
})

describe('sessions and the account', () => {
  it('/api/me tells who is signed in, the CSRF token and the PC site', async () => {
    const c = await loginAs(app, ctx, p.accounts.a1op)
    expect((await c.get('/api/me')).json()).toMatchObject({
      account: { name: '张伟', kind: 'operator' },
      org: { code: 'a1', type: 'branch' },
      csrfToken: c.csrfToken,
      pcSiteUrl: 'http://app.test:3000/pc/',
    })
  })

  it('a session expires after the idle time', async () => {
    const c = await loginAs(app, ctx, p.accounts.a1op)
    ctx.clock.advance(121 * 60_000)
    expect((await c.get('/api/me')).statusCode).toBe(401)
  })

  it('the audit log is for admins only', async () => {
    expect((await (await loginAs(app, ctx, p.accounts.a1op)).get('/api/audit-log')).statusCode).toBe(403)
    expect((await (await loginAs(app, ctx, p.accounts.a1admin)).get('/api/audit-log')).statusCode).toBe(200)
  })

  it('/healthz answers without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.json()).toEqual({ ok: true })
  })
})
