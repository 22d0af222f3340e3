import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { hashPassword, verifyPassword } from '../security/password'

const w = useWorld()

describe('managing operators', () => {
  it('is for admins only', async () => {
    const op = await w.as('a1op')
    expect((await op.get('/api/accounts')).statusCode).toBe(403)
    expect((await op.post('/api/accounts', { name: '新人', kind: 'operator', mobile: '13811112222' })).statusCode).toBe(403)
  })

  it("answers 404 for another organisation's account", async () => {
    const admin = await w.as('a1admin')
    expect((await admin.post(`/api/accounts/${w.accounts.a2op}/reset-password`)).statusCode).toBe(404)
  })

  it('refuses a mobile already bound to another account', async () => {
    const admin = await w.as('a1admin')
    await admin.post('/api/accounts', { name: '甲', kind: 'operator', mobile: '13811112222' })
    const dup = await admin.post('/api/accounts', { name: '乙', kind: 'operator', mobile: '13811112222' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().message).toBe('该手机号码或企业微信账号已绑定其他账号')
  })

  it('adds an operator with a temporary password, makes a viewer an operator and resets a password', async () => {
    const admin = await w.as('a1admin')
    const created = await admin.post('/api/accounts', { name: '新运营者', kind: 'operator', mobile: '13811112222' })
    expect(created.statusCode).toBe(200)
    expect(created.json().temporaryPassword).toHaveLength(12)
    expect(created.json().account).toMatchObject({ kind: 'operator', mobileMasked: '138****2222', hasPassword: true })
    const promoted = await admin.put(`/api/accounts/${w.accounts.a1viewer}`, { kind: 'operator' })
    expect(promoted.json().kind).toBe('operator')
    const reset = await admin.post(`/api/accounts/${w.accounts.a1op}/reset-password`)
    const row = await w.ctx.db.selectFrom('accounts').select('password_hash').where('id', '=', w.accounts.a1op).executeTakeFirstOrThrow()
    expect(await verifyPassword(reset.json().temporaryPassword, row.password_hash!)).toBe(true)
    const log = (await admin.get('/api/audit-log')).json().items.map((i: { actionLabel: string }) => i.actionLabel)
    expect(log).toEqual(['重置运营者密码', '管理运营者', '管理运营者'])
  })

  it('two password resets at once never leave a shown password that does not work unnoticed: the loser is told someone else was first', async () => {
    const admin = await w.as('a1admin')
    const answers = await Promise.all([1, 2].map(() => admin.post(`/api/accounts/${w.accounts.a1op}/reset-password`)))
    // Overlapping resets: one wins, the other is a 409. Resets the database happened to run
    // one after the other (a loaded machine) both succeed — the later one replaced the earlier.
    for (const r of answers.filter((r) => r.statusCode !== 200)) expect(r.json()).toMatchObject({ code: 'CONFLICT' })
    const shown = answers.filter((r) => r.statusCode === 200).map((r) => r.json().temporaryPassword as string)
    expect(shown.length).toBeGreaterThanOrEqual(1)
    const row = await w.ctx.db.selectFrom('accounts').select('password_hash').where('id', '=', w.accounts.a1op).executeTakeFirstOrThrow()
    // No lost update: the stored password is exactly one of those shown.
    const works = await Promise.all(shown.map((p) => verifyPassword(p, row.password_hash!)))
    expect(works.filter(Boolean)).toHaveLength(1)
  })

  it('ends the sessions of a disabled account', async () => {
    const op = await w.as('a1op')
    const admin = await w.as('a1admin')
    await admin.put(`/api/accounts/${w.accounts.a1op}`, { active: false })
    expect((await op.get('/api/me')).statusCode).toBe(401)
  })
})

describe('changing one’s own password', () => {
  it('needs the current password and a new one of at least 8 characters', async () => {
    await w.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('old-pass-1') }).where('id', '=', w.accounts.a1op).execute()
    const op = await w.as('a1op')
    expect((await op.post('/api/me/password', { currentPassword: 'wrong', newPassword: 'new-pass-12' })).json().fields[0].path).toBe('currentPassword')
    expect((await op.post('/api/me/password', { currentPassword: 'old-pass-1', newPassword: 'short' })).statusCode).toBe(400)
    expect((await op.post('/api/me/password', { currentPassword: 'old-pass-1', newPassword: 'new-pass-12' })).statusCode).toBe(200)
  })

  it('ends the other sign-ins of the account, keeps this one, and says so in 操作日志', async () => {
    await w.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('old-pass-1') }).where('id', '=', w.accounts.a1op).execute()
    const phone = await w.as('a1op')
    const pc = await w.as('a1op', 'pc')
    const other = await w.as('a2op')
    expect((await phone.post('/api/me/password', { currentPassword: 'old-pass-1', newPassword: 'new-pass-12' })).statusCode).toBe(200)
    expect((await phone.get('/api/me')).statusCode).toBe(200)
    expect((await pc.get('/api/me')).statusCode).toBe(401)
    expect((await other.get('/api/me')).statusCode).toBe(200)
    const audit = await w.ctx.db.selectFrom('audit_log').select(['action', 'summary', 'account_id']).where('action', '=', 'account.password_change').execute()
    expect(audit).toEqual([expect.objectContaining({ account_id: w.accounts.a1op, summary: expect.stringContaining('其他1处登录已退出') })])
  })

  it('allows five attempts an hour, then answers 429 with Retry-After, also for the right password', async () => {
    await w.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('old-pass-1') }).where('id', '=', w.accounts.a1op).execute()
    const op = await w.as('a1op')
    for (let i = 0; i < 5; i++) {
      expect((await op.post('/api/me/password', { currentPassword: `guess-${i}-x`, newPassword: 'new-pass-12' })).statusCode).toBe(400)
    }
    const refused = await op.post('/api/me/password', { currentPassword: 'old-pass-1', newPassword: 'new-pass-12' })
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.json().message).toContain('每小时最多尝试修改密码5次')
    w.ctx.clock.advance(3_600_001)
    const later = await w.as('a1op')
    expect((await later.post('/api/me/password', { currentPassword: 'old-pass-1', newPassword: 'new-pass-12' })).statusCode).toBe(200)
  })
})
