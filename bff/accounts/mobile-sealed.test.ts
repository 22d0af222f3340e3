/**
 * Accounts' phone numbers at rest (docs/DOMAIN.md §6a, migration 0012): after an admin adds an
 * operator, after an import and after the start-up sealing of an older database, no row holds
 * the number in clear; the PC login still finds the operator by it (keyed hash), a number
 * already taken is still refused, and answers show only the mask.
 */
import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { useWorld } from '../test/world'
import { passwordRoutes } from '../auth/password-routes'
import { runImport } from '../import/run'
import { formatProblem } from '../import/problems'
import { sealPersonalData } from '../members/seal'
import { hashPassword } from '../security/password'
import { accountMobile, listActiveAccountsWithOrg } from './repository'

const w = useWorld({ extend: async (root, ctx) => void (await root.register(passwordRoutes, { ctx })) })

const login = (account: string, password: string) => w.app.inject({ method: 'POST', url: '/auth/password', payload: { account, password } })

/** Every row of every table of the database, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = await w.ctx.db.introspection.getTables()
  const dumps = await Promise.all(tables.map(async (t) => JSON.stringify(await w.ctx.db.selectFrom(t.name as 'accounts').selectAll().execute())))
  return dumps.join('\n')
}

async function accountByName(name: string) {
  return w.ctx.db.selectFrom('accounts').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
}

describe("accounts' phone numbers at rest", () => {
  it('refuses a second operator with a number already taken, found by its keyed hash', async () => {
    const admin = await w.as('a1admin', 'pc')
    expect((await admin.post('/api/accounts', { name: '甲', kind: 'operator', mobile: '13811112222' })).statusCode).toBe(200)
    const dup = await admin.post('/api/accounts', { name: '乙', kind: 'operator', mobile: '13811112222' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE' })
    expect(await w.ctx.db.selectFrom('accounts').select('id').where('name', '=', '乙').execute()).toEqual([])
  })

  it('keeps an operator added by an admin only encrypted; the login by mobile and the list still work', async () => {
    const admin = await w.as('a1admin', 'pc')
    const created = await admin.post('/api/accounts', { name: '新运营者', kind: 'operator', mobile: '13811112222' })
    expect(created.statusCode).toBe(200)
    expect(await wholeDatabase()).toContain('新运营者') // the dump reads the rows it should
    expect(await wholeDatabase()).not.toContain('13811112222')
    const row = await accountByName('新运营者')
    expect(row).toMatchObject({ mobile: null, mobile_hash: w.ctx.crypto.lookupHash('13811112222') })
    expect(accountMobile(w.ctx.crypto, row)).toBe('13811112222')

    const res = await login('13811112222', created.json().temporaryPassword)
    expect(res.statusCode).toBe(200)
    const list = await admin.get('/api/accounts')
    expect(list.json().items.find((a: { name: string }) => a.name === '新运营者').mobileMasked).toBe('138****2222')
    expect(list.body).not.toMatch(/1[3-9]\d{9}/)
  })

  it('imports accounts with their numbers only encrypted, and refuses a number an account already has', async () => {
    const file = { accounts: [{ org: 'a1', kind: 'operator', name: '周导入', mobile: '13622223333', password: 'import-pass-1' }] }
    const first = await runImport(w.ctx.db, w.ctx.crypto, file, { now: w.ctx.clock.now() })
    expect(first.ok).toBe(true)
    expect(await wholeDatabase()).toContain('周导入')
    expect(await wholeDatabase()).not.toContain('13622223333')
    expect((await login('13622223333', 'import-pass-1')).statusCode).toBe(200)

    const again = await runImport(w.ctx.db, w.ctx.crypto, { accounts: [{ ...file.accounts[0], name: '周再导' }] }, { now: w.ctx.clock.now() })
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.problems.map(formatProblem)).toEqual([expect.stringMatching(/^accounts\[0\]\.mobile: 手机号码/)])
  })

  it('sealPersonalData seals the numbers an older version left in clear, page by page, and then finds nothing', async () => {
    const ids = [w.accounts.a1op, w.accounts.a2op, w.accounts.b1op]
    // As a database migrated by 0012 from an older version holds them.
    for (const [i, id] of ids.entries()) await sql`update accounts set mobile = ${`1390000000${i}`} where id = ${id}`.execute(w.ctx.db)
    await sealPersonalData(w.ctx.db, w.ctx.crypto, { page: 2 })

    expect(await wholeDatabase()).not.toMatch(/1390000000\d/)
    const rows = await w.ctx.db.selectFrom('accounts').selectAll().where('id', 'in', ids).orderBy('id').execute()
    expect(rows.map((r) => r.mobile)).toEqual([null, null, null])
    expect(rows.map((r) => accountMobile(w.ctx.crypto, r))).toEqual(['13900000000', '13900000001', '13900000002'])
    expect(rows.map((r) => r.mobile_hash)).toEqual(['13900000000', '13900000001', '13900000002'].map((m) => w.ctx.crypto.lookupHash(m)))

    const sealed = rows.map((r) => r.mobile_enc)
    await sealPersonalData(w.ctx.db, w.ctx.crypto)
    const again = await w.ctx.db.selectFrom('accounts').select('mobile_enc').where('id', 'in', ids).orderBy('id').execute()
    expect(again.map((r) => r.mobile_enc)).toEqual(sealed)
  })

  it('an operator whose number was sealed at start-up still logs in by it', async () => {
    await sql`update accounts set mobile = ${'13900000009'} where id = ${w.accounts.a1op}`.execute(w.ctx.db)
    await w.ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('right-pass-1') }).where('id', '=', w.accounts.a1op).execute()
    await sealPersonalData(w.ctx.db, w.ctx.crypto)
    expect((await login('13900000009', 'right-pass-1')).statusCode).toBe(200)
  })

  it("the demo's list of who can log in gives the numbers back decrypted", async () => {
    const admin = await w.as('a1admin', 'pc')
    await admin.post('/api/accounts', { name: '新运营者', kind: 'operator', mobile: '13811112222' })
    const listed = (await listActiveAccountsWithOrg(w.ctx.db)).find((a) => a.name === '新运营者')!
    expect(accountMobile(w.ctx.crypto, listed)).toBe('13811112222')
  })
})
