/** 毕业 batch initiation and 分配 through the API (docs/DOMAIN.md §5a). */
import { beforeEach, describe, expect, it } from 'vitest'
import { type TestClient } from '../test/context'
import { useWorld } from '../test/world'
import type { OrgRow } from '../orgs/repository'

const w = useWorld()
// 招商街道团工委 under 南山区委 receives graduates; zs1/zs2 are its 团支部.
let zs: OrgRow, zs1: OrgRow, zs2: OrgRow
let zsop: number

beforeEach(async () => {
  zs = await w.org('ns', { code: 'zs', name: '招商街道团工委', type: 'working_committee' })
  zs1 = await w.org(zs, { code: 'zs1', name: '招商街道第一社区团支部', type: 'branch' })
  zs2 = await w.org(zs, { code: 'zs2', name: '招商街道第二社区团支部', type: 'branch' })
  zsop = await w.account(zs, { kind: 'operator', name: '黄敏', wecomUserId: 'huangmin' })
})

const integration = (url: string) => w.integration('POST', url, {})

/** Confirms as the member and agrees at every node before 待分配, as the organisations of those nodes. */
async function toAllocate(transferId: number) {
  await integration(`/transfers/${transferId}/confirm`)
  for (const acc of [w.accounts.szuop, zsop]) {
    const c = await w.as(acc)
    const t = (await c.get(`/api/transfers/${transferId}`)).json()
    expect((await c.post(`/api/transfers/${transferId}/decision`, { decision: 'approve', version: t.version })).statusCode).toBe(200)
  }
}

/** A graduate already waiting at 待分配 of 招商街道团工委. */
async function waitingGraduate(name: string) {
  const m = await w.member('a1', { profileStatus: 'approved', name })
  const id = await w.transfer({ memberId: m.id, fromOrg: w.orgs.a1, toOrg: zs, kind: 'in_province', initiator: 'member', cause: '毕业', atStep: 4 })
  return { memberId: m.id, id }
}

const version = async (c: TestClient, id: number) => (await c.get(`/api/transfers/${id}`)).json().version as number

describe('毕业 batch initiation', () => {
  it('starts the class with mixed results: an open transfer and a member not 正常 are refused with the reason', async () => {
    const ok1 = await w.member('a1', { profileStatus: 'approved', name: '毕业甲' })
    const ok2 = await w.member('a1', { profileStatus: 'approved', name: '毕业乙' })
    const busy = await w.member('a1', { profileStatus: 'approved', name: '毕业丙' })
    await w.transfer({ memberId: busy.id, fromOrg: w.orgs.a1, toOrg: w.orgs.b1, kind: 'in_province', initiator: 'member' })
    const disabled = await w.member('a1', { profileStatus: 'approved', name: '毕业丁', leagueStatus: 'disabled' })
    const other = await w.member('a2', { profileStatus: 'approved', name: '别班戊' })
    const c = await w.as('a1op', 'pc')
    const res = await c.post('/api/transfers/batch', { memberIds: [ok1.id, busy.id, disabled.id, other.id, ok2.id], targetOrgId: zs.id, cause: '毕业' })
    expect(res.statusCode).toBe(200)
    const results = res.json().results
    expect(results.map((r: { memberId: number; ok: boolean; code?: string }) => [r.memberId, r.ok, r.code ?? null])).toEqual([
      [ok1.id, true, null], [busy.id, false, 'RULE'], [disabled.id, false, 'RULE'], [other.id, false, 'NOT_FOUND'], [ok2.id, true, null],
    ])
    expect(results[1].message).toBe('团员已有正在办理的转接申请')
    expect(results[2].message).toBe('团员团籍状态不正常，不能申请组织关系转接')
    const started = (await c.get(`/api/transfers/${results[0].transferId}`)).json()
    expect(started).toMatchObject({ cause: '毕业', status: 'awaiting_member', toOrg: { code: 'zs' } })
    expect(started.steps.map((s: { role: string; org: { code: string } }) => `${s.role}@${s.org.code}`)).toEqual(['out_branch@a1', 'out_parent@szu', 'in_committee@zs', 'allocate@zs'])
    // Nothing half-written for the refused: the busy member still has exactly one open transfer.
    const open = await w.ctx.db.selectFrom('transfers').select('id').where('member_id', '=', busy.id).execute()
    expect(open).toHaveLength(1)
    const audit = await w.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'transfer.initiate').execute()
    expect(audit).toHaveLength(2)
  })

  it('refuses a 团委 target for a cause other than 毕业, and a 区委 (领导机关) even for 毕业', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const c = await w.as('a1op', 'pc')
    const work = (await c.post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: zs.id, cause: '就业/工作调动' })).json().results[0]
    expect(work).toMatchObject({ ok: false, code: 'RULE', message: '转入组织必须是团支部（转接原因为“毕业”时也可以是团委或团工委）' })
    const leading = (await c.post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: w.orgs.ns.id, cause: '毕业' })).json().results[0]
    expect(leading.ok).toBe(false)
  })

  it('is for 团支部 only, at most 200 members, and names an unknown target', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    expect((await (await w.as('szuop', 'pc')).post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: zs.id, cause: '毕业' })).statusCode).toBe(403)
    const c = await w.as('a1op', 'pc')
    const many = Array.from({ length: 201 }, (_, i) => i + 1)
    expect((await c.post('/api/transfers/batch', { memberIds: many, targetOrgId: zs.id, cause: '毕业' })).statusCode).toBe(400)
    const unknown = await c.post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: 999999, cause: '毕业' })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().message).toBe('targetOrgId: 转入组织不存在')
  })

  it('skips 转出团支部的上级 when the class leaves for its own 团委, which then reviews and allocates', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const c = await w.as('a1op', 'pc')
    const r = (await c.post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: w.orgs.szu.id, cause: '毕业' })).json().results[0]
    const t = (await c.get(`/api/transfers/${r.transferId}`)).json()
    expect(t.steps.map((s: { state: string }) => s.state)).toEqual(['approved', 'skipped', 'waiting', 'waiting'])
  })
})

describe('the 团委 receives and allocates', () => {
  it('sees 转入团委 in 待审核, then 待分配 in its own box and on the home page; 同意/退回 there are refused', async () => {
    const m = await w.member('a1', { profileStatus: 'approved', name: '林毕业' })
    const school = await w.as('a1op', 'pc')
    const { transferId } = (await school.post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: zs.id, cause: '毕业' })).json().results[0]
    await integration(`/transfers/${transferId}/confirm`)
    const szu = await w.as('szuop')
    await szu.post(`/api/transfers/${transferId}/decision`, { decision: 'approve', version: await version(szu, transferId) })
    const c = await w.as(zsop)
    const todo = (await c.get('/api/transfers?box=todo')).json().items
    expect(todo.map((i: { id: number; currentStep: { role: string } }) => [i.id, i.currentStep.role])).toEqual([[transferId, 'in_committee']])
    await c.post(`/api/transfers/${transferId}/decision`, { decision: 'approve', version: await version(c, transferId) })
    expect((await c.get('/api/transfers?box=todo')).json().items).toEqual([])
    expect((await c.get('/api/transfers?box=allocate')).json().items.map((i: { id: number }) => i.id)).toEqual([transferId])
    expect((await c.get('/api/dashboard')).json()).toMatchObject({ transfers: { pending: 0 }, allocations: { pending: 1, overdue: 0 } })
    const v = await version(c, transferId)
    for (const decision of ['approve', 'return']) {
      const res = await c.post(`/api/transfers/${transferId}/decision`, { decision, reason: '无法接收', version: v })
      expect(res.statusCode).toBe(422)
      expect(res.json().message).toContain('请选择一个团支部分配')
    }
  })

  it('allocates into its subtree: the member moves in the same transaction, audited, and the branch is notified', async () => {
    const g = await waitingGraduate('陈毕业')
    const c = await w.as(zsop)
    const res = await c.post(`/api/transfers/${g.id}/allocation`, { branchOrgId: zs2.id, version: await version(c, g.id) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'completed', allocatedOrg: { code: 'zs2' }, toOrg: { code: 'zs' } })
    expect(res.json().steps[3]).toMatchObject({ role: 'allocate', state: 'approved', decidedBy: { name: '黄敏' } })
    const member = await w.ctx.db.selectFrom('members').select('org_id').where('id', '=', g.memberId).executeTakeFirstOrThrow()
    expect(member.org_id).toBe(zs2.id)
    const audit = await w.ctx.db.selectFrom('audit_log').select(['summary', 'channel']).where('action', '=', 'transfer.allocate').execute()
    expect(audit).toEqual([{ summary: '组织关系转接：陈毕业，待分配，分配至招商街道第二社区团支部（接转成功）', channel: 'mobile' }])
    const events = await w.ctx.db.selectFrom('notification_events').select(['org_id', 'title']).where('org_id', '=', zs2.id).execute()
    expect(events).toEqual([{ org_id: zs2.id, title: '毕业生陈毕业已分配到本团支部' }])
    // The receiving branch now sees its member and the application.
    const branchOp = await w.account(zs2, { kind: 'operator', name: '吴刚' })
    const branch = await w.as(branchOp)
    expect((await branch.get(`/api/members/${g.memberId}`)).json().name).toBe('陈毕业')
    expect((await branch.get(`/api/transfers/${g.id}`)).statusCode).toBe(200)
  })

  it.each([
    ['a 团支部 of another organisation', () => w.orgs.b1.id],
    ['the 团委 itself', () => zs.id],
    ['an organisation that does not exist', () => 999999],
  ])('refuses allocation to %s, naming the field', async (_l, target) => {
    const g = await waitingGraduate('王毕业')
    const c = await w.as(zsop)
    const res = await c.post(`/api/transfers/${g.id}/allocation`, { branchOrgId: target(), version: await version(c, g.id) })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toMatch(/^branchOrgId: 只能分配到/)
    expect((await w.ctx.db.selectFrom('members').select('org_id').where('id', '=', g.memberId).executeTakeFirstOrThrow()).org_id).toBe(w.orgs.a1.id)
  })

  it('answers 409 to a stale version and 404 to anyone but the 团委 of the node', async () => {
    const g = await waitingGraduate('赵毕业')
    const c = await w.as(zsop)
    const v = await version(c, g.id)
    expect((await c.post(`/api/transfers/${g.id}/allocation`, { branchOrgId: zs1.id, version: v + 1 })).statusCode).toBe(409)
    const outsider = await w.as('nsop')
    expect((await outsider.post(`/api/transfers/${g.id}/allocation`, { branchOrgId: zs1.id, version: v })).statusCode).toBe(404)
    expect((await c.post(`/api/transfers/${g.id}/allocation`, { branchOrgId: zs1.id, version: v })).statusCode).toBe(200)
    expect((await c.post(`/api/transfers/${g.id}/allocation`, { branchOrgId: zs2.id, version: v })).statusCode).toBe(409)
  })

  it('allocates many graduates to one branch with per-item results', async () => {
    const a = await waitingGraduate('甲毕业')
    const b = await waitingGraduate('乙毕业')
    const c = await w.as(zsop, 'pc')
    const va = await version(c, a.id)
    const res = await c.post('/api/transfers/allocations', { items: [{ id: a.id, version: va }, { id: b.id, version: 99 }], branchOrgId: zs1.id })
    expect(res.json().results).toEqual([
      { id: a.id, ok: true, memberName: '甲毕业' },
      { id: b.id, ok: false, code: 'CONFLICT', message: '该申请已被处理' },
    ])
    expect((await c.post('/api/transfers/allocations', { items: [{ id: b.id, version: 0 }], branchOrgId: w.orgs.b1.id })).statusCode).toBe(422)
  })

  it('finds the branches of its own subtree for the picker, with or without a query', async () => {
    const c = await w.as(zsop)
    const codes = async (url: string) => (await c.get(url)).json().items.map((i: { org: { code: string } }) => i.org.code)
    expect(await codes('/api/orgs/search?within=self&type=branch')).toEqual(['zs1', 'zs2'])
    expect(await codes(`/api/orgs/search?within=self&type=branch&q=${encodeURIComponent('招商街道第二')}`)).toEqual(['zs2'])
    expect(await codes(`/api/orgs/search?within=self&q=${encodeURIComponent('南山科技园')}`)).toEqual([])
    expect((await c.get('/api/orgs/search')).statusCode).toBe(400)
  })

  it('counts 待分配 waiting more than 48 hours as overdue', async () => {
    const g = await waitingGraduate('逾期毕业')
    await w.ctx.db.updateTable('transfers').set({ waiting_since: '2020-01-01T00:00:00.000Z' }).where('id', '=', g.id).execute()
    const c = await w.as(zsop)
    expect((await c.get('/api/dashboard')).json().allocations).toEqual({ pending: 1, overdue: 1 })
    expect((await c.get('/api/transfers?box=allocate')).json().items[0].overdue).toBe(true)
  })
})

it('the full route: a class leaves, both sides agree, the 团委 allocates', async () => {
  const m = await w.member('a1', { profileStatus: 'approved', name: '全程' })
  const school = await w.as('a1op', 'pc')
  const { transferId } = (await school.post('/api/transfers/batch', { memberIds: [m.id], targetOrgId: zs.id, cause: '毕业', studyWorkUnit: '招商局集团' })).json().results[0]
  await toAllocate(transferId)
  const c = await w.as(zsop)
  const done = (await c.post(`/api/transfers/${transferId}/allocation`, { branchOrgId: zs1.id, version: await version(c, transferId) })).json()
  expect(done).toMatchObject({ status: 'completed', studyWorkUnit: '招商局集团', allocatedOrg: { code: 'zs1' } })
})
