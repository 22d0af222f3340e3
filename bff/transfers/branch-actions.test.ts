import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'

const w = useWorld()

const body = (memberId: number, over: object = {}) => ({ memberId, to: 'b1', kind: 'in_province', cause: '就业/工作调动', studyWorkUnit: '腾讯科技（深圳）有限公司', ...over })
const integration = (url: string, payload: object = {}) =>
  w.app.inject({ method: 'POST', url: `/integration/v1${url}`, headers: { authorization: 'Bearer test-integration-token' }, payload })

describe('a branch initiates and withdraws transfers', () => {
  it('refuses an organisation that is not a branch, and another branch’s member', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    expect((await (await w.as('szuop', 'pc')).post('/api/transfers', body(m.id))).statusCode).toBe(403)
    expect((await (await w.as('a2op', 'pc')).post('/api/transfers', body(m.id))).statusCode).toBe(404)
  })

  it('refuses an unregistered member, naming the field', async () => {
    const m = await w.member('a1')
    const res = await (await w.as('a1op', 'pc')).post('/api/transfers', body(m.id))
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('memberId: 团员尚未报到成功，不能申请组织关系转接')
  })

  it('waits for the member’s confirmation, then goes to the out parent; the receiving branch can see the member', async () => {
    const m = await w.member('a1', { profileStatus: 'approved', name: '冯七' })
    const c = await w.as('a1op', 'pc')
    const res = await c.post('/api/transfers', body(m.id))
    expect(res.statusCode).toBe(200)
    const t = res.json()
    expect(t).toMatchObject({ status: 'awaiting_member', initiator: 'branch', canWithdraw: true })
    expect(t.steps[0]).toMatchObject({ state: 'approved' })
    expect((await c.get('/api/transfers?box=initiated')).json().items.map((i: { id: number }) => i.id)).toEqual([t.id])
    const parent = await w.as('szuop')
    expect((await parent.get('/api/transfers?box=todo')).json().items).toEqual([])
    expect((await integration(`/transfers/${t.id}/confirm`)).statusCode).toBe(200)
    expect((await parent.get('/api/transfers?box=todo')).json().items.map((i: { id: number }) => i.id)).toEqual([t.id])
    const receiving = await w.as('b1op')
    expect((await receiving.get(`/api/members/${m.id}`)).statusCode).toBe(404) // not reached yet
    await parent.post(`/api/transfers/${t.id}/decision`, { decision: 'approve', version: (await parent.get(`/api/transfers/${t.id}`)).json().version })
    expect((await receiving.get(`/api/members/${m.id}`)).json().name).toBe('冯七')
  })

  it('withdraws its own application with a reason; the member cannot withdraw it', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const c = await w.as('a1op', 'pc')
    const t = (await c.post('/api/transfers', body(m.id))).json()
    expect((await integration(`/transfers/${t.id}/withdraw`, { reason: '不想转了' })).statusCode).toBe(403)
    expect((await c.post(`/api/transfers/${t.id}/withdraw`, { version: t.version })).json().code).toBe('REASON_REQUIRED')
    const res = await c.post(`/api/transfers/${t.id}/withdraw`, { reason: '团员工作单位变更', version: t.version })
    expect(res.json()).toMatchObject({ status: 'withdrawn', endReason: '团员工作单位变更', canWithdraw: false })
    expect((await c.post(`/api/transfers/${t.id}/withdraw`, { reason: '再次撤回', version: res.json().version })).statusCode).toBe(409)
  })

  it('cannot withdraw once the application reached node 4', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const c = await w.as('a1op', 'pc')
    let t = (await c.post('/api/transfers', body(m.id))).json()
    await integration(`/transfers/${t.id}/confirm`)
    for (const acc of [w.accounts.szuop, w.accounts.b1op]) {
      const who = await w.as(acc)
      const cur = (await who.get(`/api/transfers/${t.id}`)).json()
      t = (await who.post(`/api/transfers/${t.id}/decision`, { decision: 'approve', version: cur.version })).json()
    }
    expect(t.currentStep.seq).toBe(4)
    const res = await c.post(`/api/transfers/${t.id}/withdraw`, { reason: '撤回', version: t.version })
    expect(res.statusCode).toBe(409)
  })
})

describe('organisation search', () => {
  it('finds branches by the beginning of the name or by code, never external', async () => {
    const c = await w.as('a1op', 'pc')
    const byName = (await c.get(`/api/orgs/search?q=${encodeURIComponent('计算机')}&type=branch`)).json().items
    expect(byName.map((i: { org: { name: string } }) => i.org.name)).toEqual(['计算机学院2023级1班团支部', '计算机学院2023级2班团支部'])
    expect(byName[0].parentName).toBe('深圳大学团委')
    expect((await c.get('/api/orgs/search?q=b1')).json().items[0].org.name).toBe('南山科技园第一团支部')
    expect((await c.get('/api/orgs/search?q=external')).json().items).toEqual([])
  })

  it('answers codes (the admins\' login names) only inside the caller\'s own subtree', async () => {
    const codes = async (who: 'a1op' | 'szuop') =>
      ((await (await w.as(who, 'pc')).get(`/api/orgs/search?q=${encodeURIComponent('计算机')}`)).json().items as { org: { code: string | null } }[]).map((i) => i.org.code)
    expect(await codes('a1op')).toEqual(['a1', null])
    expect(await codes('szuop')).toEqual(['a1', 'a2'])
  })

  it('starts a transfer to a target picked by id, and wants exactly one of id and code', async () => {
    const c = await w.as('a1op', 'pc')
    const m = await w.member('a1', { profileStatus: 'approved' })
    const both = await c.post('/api/transfers', body(m.id, { toOrgId: w.orgs.b1.id }))
    expect(both.statusCode).toBe(422)
    expect(both.json().message).toContain('只能二选一')
    const { to: _code, ...byId } = body(m.id, { toOrgId: w.orgs.b1.id }) as Record<string, unknown>
    const res = await c.post('/api/transfers', byId)
    expect(res.statusCode).toBe(200)
    expect(res.json().toOrg.name).toBe('南山科技园第一团支部')
  })
})
