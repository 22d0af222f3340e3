/**
 * Root-admin rights come from the account's flag (docs/DOMAIN.md §1 "Root admin"), never from
 * the depth of its organisation: the flag alone opens 后台任务 and the preset 常用退回原因.
 */
import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { validateImportFile } from '../import/validate'

const w = useWorld()

const setFlag = (account: number, on: boolean) => w.ctx.db.updateTable('accounts').set({ root_admin: on ? 1 : 0 }).where('id', '=', account).execute()

describe('root admin', () => {
  it('the flagged admin of the province sees background work and is told so by /api/me', async () => {
    const root = await w.as('gdadmin', 'pc')
    expect((await root.get('/api/background')).statusCode).toBe(200)
    expect((await root.get('/api/me')).json().seesBackground).toBe(true)
  })

  it('the admin of the top organisation without the flag is an ordinary admin', async () => {
    await setFlag(w.accounts.gdadmin, false)
    const admin = await w.as('gdadmin', 'pc')
    expect((await admin.get('/api/background')).statusCode).toBe(403)
    expect((await admin.get('/api/me')).json().seesBackground).toBe(false)
  })

  it('the flag, not the place in the tree, grants the rights: a branch admin with it sees background work', async () => {
    await setFlag(w.accounts.a1admin, true)
    expect((await (await w.as('a1admin', 'pc')).get('/api/background')).statusCode).toBe(200)
  })

  it('an operator with the flag set by hand gains nothing: the right is an admin\'s only', async () => {
    await setFlag(w.accounts.a1op, true)
    expect((await (await w.as('a1op', 'pc')).get('/api/background')).statusCode).toBe(403)
  })
})

describe('rootAdmin in the import file', () => {
  const file = (kind: string) => ({
    organizations: [{ code: 'p', name: '共青团测试省委', type: 'leading', parent: null }],
    accounts: [{ org: 'p', kind, name: '甲', wecomUserId: 'jia', password: 'long-enough-1', rootAdmin: true }],
  })

  it('is taken on an admin account', () => {
    const v = validateImportFile(file('admin'))
    expect(v.ok && v.file.accounts[0].rootAdmin).toBe(true)
  })

  it('is refused on anything but an admin account, naming the field', () => {
    const v = validateImportFile(file('operator'))
    expect(v.ok ? [] : v.problems).toContainEqual({ path: 'accounts[0].rootAdmin', message: '只有组织账号（admin）可以是最高级管理员' })
  })
})
