import { beforeEach, describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { passwordRoutes } from './password-routes'
import { registerLogout } from './session-routes'
import { hashPassword } from '../security/password'
import { accountMobileColumns } from '../accounts/repository'

const w = useWorld({
  extend: async (root, ctx) => {
    registerLogout(root, ctx)
    await root.register(passwordRoutes, { ctx })
  },
})

beforeEach(async () => {
  await w.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('right-pass-1'), ...accountMobileColumns(w.ctx.crypto, '13900001111') }).where('id', '=', w.accounts.a1op).execute()
  await w.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('admin-pass-1') }).where('id', '=', w.accounts.a1admin).execute()
})

const login = (account: string, password: string, from = '127.0.0.1') =>
  w.app.inject({ method: 'POST', url: '/auth/password', payload: { account, password }, remoteAddress: from })
const fail = async (account: string, times: number, from?: string) => {
  for (let i = 0; i < times; i++) await login(account, 'bad', from)
}

describe('PC password login', () => {
  it('answers the same generic error for a wrong password and an unknown account', async () => {
    const wrong = await login('13900001111', 'nope')
    const unknown = await login('13999999999', 'nope')
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json()).toEqual({ code: 'LOGIN_FAILED', message: '账号或密码错误' })
    expect(unknown.json()).toEqual(wrong.json())
  })

  it('after five free failures one name from one address waits 30 s, then twice as long each time, and says how long', async () => {
    for (let i = 0; i < 5; i++) expect((await login('13900001111', 'bad')).json().code).toBe('LOGIN_FAILED')
    const sixth = await login('13900001111', 'bad')
    expect(sixth.statusCode).toBe(429)
    expect(sixth.headers['retry-after']).toBe('30')
    expect(sixth.json()).toMatchObject({ code: 'LOGIN_DELAYED', message: '账号或密码错误次数过多，请30秒后再试', retryAfter: 30 })
    // While waiting even the right password is not checked (no free guesses).
    w.ctx.clock.advance(29_000)
    expect((await login('13900001111', 'right-pass-1')).json()).toMatchObject({ code: 'LOGIN_DELAYED', retryAfter: 1 })
    w.ctx.clock.advance(1_000)
    const seventh = await login('13900001111', 'bad')
    expect(seventh.headers['retry-after']).toBe('60')
    expect(seventh.json().message).toBe('账号或密码错误次数过多，请1分钟后再试')
    w.ctx.clock.advance(60_000)
    expect((await login('13900001111', 'right-pass-1')).statusCode).toBe(200)
    // A success clears the count: the next mistake is free again.
    expect((await login('13900001111', 'bad')).json().code).toBe('LOGIN_FAILED')
  })

  it('an attacker elsewhere cannot lock the admin out: another address still logs in at once', async () => {
    await fail('a1', 12, '203.0.113.9')
    expect((await login('a1', 'admin-pass-1', '203.0.113.9')).statusCode).toBe(429)
    expect((await login('a1', 'admin-pass-1', '198.51.100.7')).statusCode).toBe(200)
  })

  it('the delay stops growing at 15 minutes', async () => {
    for (let i = 0; i < 12; i++) {
      await login('a1', 'bad')
      w.ctx.clock.advance(16 * 60_000)
    }
    const res = await login('a1', 'bad')
    expect(res.headers['retry-after']).toBe('900')
    expect(res.json().message).toBe('账号或密码错误次数过多，请15分钟后再试')
  })

  it('an admin resetting the password lifts the wait', async () => {
    await fail('13900001111', 6)
    expect((await login('13900001111', 'right-pass-1')).statusCode).toBe(429)
    const admin = (await login('a1', 'admin-pass-1')).cookies.find((c) => c.name === 'sid')!.value
    const me = (await w.app.inject({ method: 'GET', url: '/api/me', cookies: { sid: admin } })).json()
    const reset = await w.app.inject({
      method: 'POST', url: `/api/accounts/${w.accounts.a1op}/reset-password`, cookies: { sid: admin }, headers: { 'x-csrf-token': me.csrfToken },
    })
    expect(reset.statusCode).toBe(200)
    expect((await login('13900001111', reset.json().temporaryPassword)).statusCode).toBe(200)
  })

  it('signs an operator in by mobile and an admin by organisation code, with a session cookie', async () => {
    const op = await login('13900001111', 'right-pass-1')
    expect(op.statusCode).toBe(200)
    const cookie = op.cookies.find((c) => c.name === 'sid')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const me = await w.app.inject({ method: 'GET', url: '/api/me', cookies: { sid: cookie.value } })
    expect(me.json().account.name).toBe('张伟')
    const admin = await login('a1', 'admin-pass-1')
    expect(admin.statusCode).toBe(200)
    const session = await w.ctx.db.selectFrom('sessions').select('channel').execute()
    expect(session.map((s) => s.channel)).toEqual(['pc', 'pc'])
  })

  it('logs out: the session is gone and the cookie cleared; without the CSRF token logout is refused', async () => {
    const res = await login('13900001111', 'right-pass-1')
    const sid = res.cookies.find((c) => c.name === 'sid')!.value
    const me = (await w.app.inject({ method: 'GET', url: '/api/me', cookies: { sid } })).json()
    expect((await w.app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid } })).statusCode).toBe(403)
    const out = await w.app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid }, headers: { 'x-csrf-token': me.csrfToken } })
    expect(out.statusCode).toBe(200)
    expect((await w.app.inject({ method: 'GET', url: '/api/me', cookies: { sid } })).statusCode).toBe(401)
  })

  it('tells whether a session is live, with 200 either way (the PC asks before its first screen)', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/auth/session' })).json()).toEqual({ signedIn: false })
    const sid = (await login('13900001111', 'right-pass-1')).cookies.find((c) => c.name === 'sid')!.value
    const live = await w.app.inject({ method: 'GET', url: '/auth/session', cookies: { sid } })
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
  it('counts parallel wrong guesses without losing any, and makes the name wait', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => login('13900001111', 'bad')))
    expect(results.filter((r) => r.json().code === 'LOGIN_FAILED')).toHaveLength(5)
    expect((await login('13900001111', 'right-pass-1')).json().code).toBe('LOGIN_DELAYED')
  })

  it('answers an unknown account exactly like a real one, wait included', async () => {
    // Each name from an address of its own: 20 attempts a minute is the budget of one address.
    let n = 0
    const answers = async (account: string) => {
      const from = `192.0.2.${++n}`
      const out: string[] = []
      for (let i = 0; i < 7; i++) out.push(JSON.stringify((await login(account, 'bad', from)).json()))
      return out
    }
    expect(await answers('13977776666')).toEqual(await answers('13900001111'))
    expect(await answers('nobody-code')).toEqual(await answers('a1'))
  })

  it('keeps no login name in clear: the count is stored under the account id or a keyed hash', async () => {
    await fail('13977776666', 2)
    await fail('13900001111', 2)
    const rows = await w.ctx.db.selectFrom('login_failures').selectAll().execute()
    const keys = rows.map((r) => r.name_hash)
    expect(keys).toHaveLength(2)
    expect(keys).toContain(`account:${w.accounts.a1op}`)
    expect(keys.find((k) => !k.startsWith('account:'))).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(rows)).not.toContain('13977776666')
  })
})
