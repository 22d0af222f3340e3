import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { testContext, type TestContext } from '../test/context'
import { seedProvince, type Province } from '../test/fixtures'
import { buildApp } from '../app'
import { passwordRoutes } from './password-routes'
import { registerLogout } from './session-routes'
import { hashPassword } from '../security/password'

let ctx: TestContext
let app: FastifyInstance
let p: Province

beforeEach(async () => {
  ctx = await testContext()
  app = await buildApp({ ctx, extend: async (root) => { registerLogout(root, ctx); await root.register(passwordRoutes, { ctx }) } })
  p = await seedProvince(ctx)
  await ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('right-pass-1'), mobile: '13900001111' }).where('id', '=', p.accounts.a1op).execute()
  await ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('admin-pass-1') }).where('id', '=', p.accounts.a1admin).execute()
})
afterEach(async () => {
  await app.close()
  await ctx.close()
})

const login = (account: string, password: string) => app.inject({ method: 'POST', url: '/auth/password', payload: { account, password } })

describe('PC password login', () => {
  it('answers the same generic error for a wrong password and an unknown account', async () => {
    const wrong = await login('13900001111', 'nope')
    const unknown = await login('13999999999', 'nope')
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json()).toEqual({ code: 'LOGIN_FAILED', message: '账号或密码错误' })
    expect(unknown.json()).toEqual(wrong.json())
  })

  it('locks the account after five failures, even for the right password, until the lock ends', async () => {
    for (let i = 0; i < 4; i++) expect((await login('13900001111', 'bad')).statusCode).toBe(401)
    expect((await login('13900001111', 'bad')).json().code).toBe('ACCOUNT_LOCKED')
    expect((await login('13900001111', 'right-pass-1')).json().code).toBe('ACCOUNT_LOCKED')
    ctx.clock.advance(16 * 60_000)
    expect((await login('13900001111', 'right-pass-1')).statusCode).toBe(200)
  })

  it('signs an operator in by mobile and an admin by organisation code, with a session cookie', async () => {
    const op = await login('13900001111', 'right-pass-1')
    expect(op.statusCode).toBe(200)
    const cookie = op.cookies.find((c) => c.name === 'sid')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: { sid: cookie.value } })
    expect(me.json().account.name).toBe('张伟')
    const admin = await login('a1', 'admin-pass-1')
    expect(admin.statusCode).toBe(200)
    const session = await ctx.db.selectFrom('sessions').select('channel').execute()
    expect(session.map((s) => s.channel)).toEqual(['pc', 'pc'])
  })

  it('logs out: the session is gone and the cookie cleared; without the CSRF token logout is refused', async () => {
    const res = await login('13900001111', 'right-pass-1')
    const sid = res.cookies.find((c) => c.name === 'sid')!.value
    const me = (await app.inject({ method: 'GET', url: '/api/me', cookies: { sid } })).json()
    expect((await app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid } })).statusCode).toBe(403)
    const out = await app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid }, headers: { 'x-csrf-token': me.csrfToken } })
    expect(out.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: { sid } })).statusCode).toBe(401)
  })

  it('tells whether a session is live, with 200 either way (the PC asks before its first screen)', async () => {
    expect((await app.inject({ method: 'GET', url: '/auth/session' })).json()).toEqual({ signedIn: false })
    const sid = (await login('13900001111', 'right-pass-1')).cookies.find((c) => c.name === 'sid')!.value
    const live = await app.inject({ method: 'GET', url: '/auth/session', cookies: { sid } })
    expect(live.statusCode).toBe(200)
    expect(live.json()).toEqual({ signedIn: true })
  })

  it('throttles one address that tries too often', async () => {
    let last = 0
    for (let i = 0; i < 21; i++) last = (await login(`1390000${String(i).padStart(4, '0')}`, 'x')).statusCode
    expect(last).toBe(429)
  })
})

describe('PC password login under pressure', () => {
  it('counts parallel wrong guesses without losing any, and locks', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => login('13900001111', 'bad')))
    expect(results.some((r) => r.json().code === 'ACCOUNT_LOCKED')).toBe(true)
    expect((await login('13900001111', 'right-pass-1')).json().code).toBe('ACCOUNT_LOCKED')
  })

  it('answers an unknown account exactly like a real one, lock included', async () => {
    const codes = async (account: string) => {
      const out: string[] = []
      for (let i = 0; i < 6; i++) out.push((await login(account, 'bad')).json().code)
      return out
    }
    expect(await codes('13977776666')).toEqual(await codes('13900001111'))
  })
})
