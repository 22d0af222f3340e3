import { describe, expect, it } from 'vitest'
import { loginAs } from '../test/context'
import { useWorld } from '../test/world'
import { findMemberById, updateMember } from '../members/repository'
import { copyParentNodes } from '../db/migrations/0016-transfer-parent-nodes'
import { listTodo } from './repository'

const w = useWorld()

async function registeredMember(org = w.orgs.a1, name = '周杰') {
  return w.member(org, { profileStatus: 'approved', name })
}

async function memberTransfer(to = w.orgs.b1, from = w.orgs.a1, name = '周杰') {
  const m = await registeredMember(from, name)
  const id = await w.transfer({ memberId: m.id, fromOrg: from, toOrg: to, kind: to.type === 'external' ? 'out_of_province' : 'in_province', initiator: 'member' })
  return { memberId: m.id, id }
}

const decide = (c: Awaited<ReturnType<typeof loginAs>>, id: number, version: number, decision = 'approve', reason?: string) =>
  c.post(`/api/transfers/${id}/decision`, { decision, version, reason })

describe('transfer API: refusals', () => {
  it('hides an application from organisations outside its route as 404', async () => {
    const { id } = await memberTransfer(w.orgs.a2)
    const outsider = await w.as('b1op')
    expect((await outsider.get(`/api/transfers/${id}`)).statusCode).toBe(404)
    expect((await decide(outsider, id, 0)).statusCode).toBe(404)
  })

  it('refuses a decision by an organisation on the route whose node is not pending', async () => {
    const { id } = await memberTransfer()
    const target = await w.as('b1op')
    const detail = (await target.get(`/api/transfers/${id}`)).json()
    expect(detail.canDecide).toBe(false)
    const res = await decide(target, id, 0)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('NOT_DECIDABLE')
  })

  it('answers 409 to a repeated decision', async () => {
    const { id } = await memberTransfer()
    const c = await w.as('a1op')
    expect((await decide(c, id, 0)).statusCode).toBe(200)
    expect((await decide(c, id, 0)).statusCode).toBe(409)
  })

  it('refuses a return without a reason', async () => {
    const { id } = await memberTransfer()
    const c = await w.as('a1op')
    const res = await decide(c, id, 0, 'return', '')
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('REASON_REQUIRED')
  })
})

describe('transfer API: the route through four organisations', () => {
  it('moves from queue to queue and completes by moving the member, each step attributed', async () => {
    const { id, memberId } = await memberTransfer()
    const nodes = [
      [w.accounts.a1op, '计算机学院2023级1班团支部'],
      [w.accounts.szuop, '深圳大学团委'],
      [w.accounts.b1op, '南山科技园第一团支部'],
      [w.accounts.nsop, '共青团深圳市南山区委'],
    ] as const
    let version = 0
    for (const [account, orgName] of nodes) {
      const c = await w.as(account)
      const todo = (await c.get('/api/transfers?box=todo')).json().items
      expect(todo.map((t: { id: number }) => t.id)).toEqual([id])
      expect(todo[0].currentStep.org.name).toBe(orgName)
      expect((await c.get('/api/dashboard')).json().transfers.pending).toBe(1)
      const res = await decide(c, id, version)
      expect(res.statusCode).toBe(200)
      version = res.json().version
      expect((await c.get('/api/transfers?box=todo')).json().items).toEqual([])
      const done = (await c.get('/api/transfers?box=done')).json().items
      expect(done[0]).toMatchObject({ id, myDecision: { state: 'approved' } })
    }
    const final = (await (await w.as('b1op')).get(`/api/transfers/${id}`)).json()
    expect(final.status).toBe('completed')
    expect(final.steps.map((s: { state: string; decidedBy: { name: string } }) => [s.state, s.decidedBy?.name])).toEqual([
      ['approved', '张伟'], ['approved', '陈静'], ['approved', '刘洋'], ['approved', '杨帆'],
    ])
    const member = await w.ctx.db.selectFrom('members').select('org_id').where('id', '=', memberId).executeTakeFirstOrThrow()
    expect(member.org_id).toBe(w.orgs.b1.id)
  })

  it('a return ends the flow: nobody has it in 待审核 and the detail shows the reason', async () => {
    const { id, memberId } = await memberTransfer()
    await decide(await w.as('a1op'), id, 0)
    const parent = await w.as('szuop')
    const res = await decide(parent, id, 1, 'return', '转接原因与实际不符')
    expect(res.json()).toMatchObject({ status: 'returned', endReason: '转接原因与实际不符' })
    expect(res.json().steps.map((s: { state: string }) => s.state)).toEqual(['approved', 'returned', 'waiting', 'waiting'])
    for (const acc of [w.accounts.szuop, w.accounts.b1op, w.accounts.nsop]) {
      expect((await (await w.as(acc)).get('/api/transfers?box=todo')).json().items).toEqual([])
    }
    const member = await w.ctx.db.selectFrom('members').select('org_id').where('id', '=', memberId).executeTakeFirstOrThrow()
    expect(member.org_id).toBe(w.orgs.a1.id)
  })

  it('between two branches of one parent, the parent reviews once, at the end', async () => {
    const { id } = await memberTransfer(w.orgs.a2)
    await decide(await w.as('a1op'), id, 0)
    const parent = await w.as('szuop')
    expect((await parent.get('/api/transfers?box=todo')).json().items).toEqual([])
    await decide(await w.as('a2op'), id, 1)
    const todo = (await parent.get('/api/transfers?box=todo')).json().items
    expect(todo[0].currentStep).toMatchObject({ seq: 4, role: 'in_parent' })
    const done = await decide(parent, id, 2)
    expect(done.json().status).toBe('completed')
    expect(done.json().steps[1].state).toBe('skipped')
  })

  it('out of province completes after the out parent and moves the member to external', async () => {
    const { id, memberId } = await memberTransfer(w.orgs.external)
    await decide(await w.as('a1op'), id, 0)
    const res = await decide(await w.as('szuop'), id, 1)
    expect(res.json().status).toBe('completed')
    const member = await w.ctx.db.selectFrom('members').select('org_id').where('id', '=', memberId).executeTakeFirstOrThrow()
    expect(member.org_id).toBe(w.orgs.external.id)
  })

  it('flags an application waiting more than 48 hours as overdue and counts it', async () => {
    await memberTransfer()
    w.ctx.clock.advance(49 * 3_600_000)
    const c = await w.as('a1op')
    expect((await c.get('/api/transfers?box=todo')).json().items[0].overdue).toBe(true)
    expect((await c.get('/api/dashboard')).json().transfers).toEqual({ pending: 1, overdue: 1 })
  })
})

describe('transfer API: batch decisions', () => {
  it('decides each item on its own and says which failed and why', async () => {
    const t1 = await memberTransfer(w.orgs.b1, w.orgs.a1, '甲')
    const t2 = await memberTransfer(w.orgs.b1, w.orgs.a1, '乙')
    const t3 = await memberTransfer(w.orgs.b1, w.orgs.a1, '丙')
    const other = await memberTransfer(w.orgs.a1, w.orgs.b1, '丁')
    const c = await w.as('a1op')
    await decide(c, t2.id, 0) // t2 moves on: the batch's version 0 is now stale
    const res = await c.post('/api/transfers/decisions', {
      decision: 'return',
      reason: '请补充转接证明材料',
      items: [{ id: t1.id, version: 0 }, { id: t2.id, version: 0 }, { id: t3.id, version: 0 }, { id: other.id, version: 0 }, { id: 99999, version: 0 }],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().results).toEqual([
      { id: t1.id, ok: true, memberName: '甲' },
      { id: t2.id, ok: false, code: 'CONFLICT', message: '该申请已被处理', memberName: '乙' },
      { id: t3.id, ok: true, memberName: '丙' },
      // a1 is on this application's route (its target), but its node is not pending yet.
      { id: other.id, ok: false, code: 'NOT_DECIDABLE', message: '该申请当前不在本组织的审核节点', memberName: '丁' },
      { id: 99999, ok: false, code: 'NOT_FOUND', message: '记录不存在或您无权查看' },
    ])
    const statuses = await w.ctx.db.selectFrom('transfers').select(['id', 'status']).orderBy('id').execute()
    expect(statuses.map((s) => s.status)).toEqual(['returned', 'in_progress', 'returned', 'in_progress'])
  })

  it('refuses a batch return without a reason before touching anything', async () => {
    const t1 = await memberTransfer()
    const c = await w.as('a1op')
    const res = await c.post('/api/transfers/decisions', { decision: 'return', items: [{ id: t1.id, version: 0 }] })
    expect(res.statusCode).toBe(422)
    expect((await c.get('/api/transfers?box=todo')).json().items).toHaveLength(1)
  })

  it('refuses a batch of more than 200 items', async () => {
    const c = await w.as('a1op')
    const items = Array.from({ length: 201 }, (_, i) => ({ id: i + 1, version: 0 }))
    const res = await c.post('/api/transfers/decisions', { decision: 'approve', items })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain('items')
  })
})

describe('transfer API: paging', () => {
  /** Every item of a box, `limit` at a time, following nextCursor. */
  async function walk(c: Awaited<ReturnType<typeof loginAs>>, box: string, limit: number) {
    const items: { id: number }[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await c.get(`/api/transfers?box=${box}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)).json()
      expect(page.items.length).toBeLessThanOrEqual(limit)
      items.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return items
  }

  it('walks 待审核 and 已审核 by cursor: each application once, ties in time ordered by id; a list row says what the detail says', async () => {
    // Same clock: every application waits since the same instant, so only the id orders them.
    const ids = []
    for (const name of ['甲', '乙', '丙', '丁', '戊']) ids.push((await memberTransfer(w.orgs.b1, w.orgs.a1, name)).id)
    ids.push((await memberTransfer(w.orgs.external, w.orgs.a1, '己')).id)
    const c = await w.as('a1op')
    const todo = await walk(c, 'todo', 2)
    expect(todo.map((t) => t.id)).toEqual(ids)
    for (const item of todo) {
      const { cause: _c, causeNote: _n, initiator: _i, steps: _s, endReason: _e, completedAt: _d, canDecide: _x, canWithdraw: _y, ...rest } = (await c.get(`/api/transfers/${item.id}`)).json()
      expect(item).toEqual({ ...rest, myDecision: null })
    }
    for (const id of ids) expect((await decide(c, id, 0)).statusCode).toBe(200)
    const done = await walk(c, 'done', 2)
    // Newest decision first; the same instant, so the later step (higher id) first.
    expect(done.map((t) => t.id)).toEqual([...ids].reverse())
    expect(await walk(c, 'todo', 2)).toEqual([])
  })

  it('an application written before migration 0016 names its 转出/转入上级 nodes from its steps once migrated', async () => {
    const { id } = await memberTransfer(w.orgs.b1)
    // As an older version left it: no copies on the row.
    await w.ctx.db.updateTable('transfers').set({ out_parent_org_id: null, in_parent_org_id: null }).execute()
    expect(await listTodo(w.ctx.db, { orgId: w.orgs.a1.id, cursor: null, limit: 20 })).toMatchObject([{ id, out_parent_org_id: null, in_parent_org_id: null }])
    // The migration runs at start, before the first page is read.
    await copyParentNodes(w.ctx.db)
    const c = await w.as('a1op')
    expect((await c.get('/api/transfers?box=todo')).json().items).toMatchObject([{ id, fromParent: { id: w.orgs.szu.id }, toParent: { id: w.orgs.ns.id } }])
  })
})

describe('transfer API: name search in 待审核', () => {
  it('finds the namesakes waiting here by the beginning of the name, and follows a change of name', async () => {
    const zhou = await memberTransfer(w.orgs.b1, w.orgs.a1, '周杰')
    await memberTransfer(w.orgs.b1, w.orgs.a1, '李雷')
    // Another organisation's 周 is not in this queue.
    await memberTransfer(w.orgs.a1, w.orgs.a2, '周星')
    const c = await w.as('a1op')
    const search = async (q: string) => (await c.get(`/api/transfers?box=todo&q=${encodeURIComponent(q)}`)).json().items.map((i: { id: number; member: { name: string } }) => [i.id, i.member.name])
    expect(await search('周')).toEqual([[zhou.id, '周杰']])
    const m = (await findMemberById(w.ctx.db, zhou.memberId))!
    await updateMember(w.ctx.db, m, { name: '吴杰' })
    expect(await search('周')).toEqual([])
    expect(await search('吴')).toEqual([[zhou.id, '吴杰']])
  })
})

describe('transfer API: a 待审核 page read again and again (kept pages, bff/kept-pages.ts)', () => {
  it('answers the same JSON while nothing changed, and the changed page as soon as anything did', async () => {
    const zhou = await memberTransfer(w.orgs.b1, w.orgs.a1, '周杰')
    let c = await w.as('a1op')
    const page = async () => (await c.get('/api/transfers?box=todo')).body
    const first = await page()
    expect(await page()).toBe(first)
    expect(JSON.parse(first).items).toMatchObject([{ id: zhou.id, member: { name: '周杰' }, overdue: false, version: 0 }])

    // The same name written again (a registration resubmitted) is no change of the application.
    await updateMember(w.ctx.db, (await findMemberById(w.ctx.db, zhou.memberId))!, { name: '周杰' })
    expect(JSON.parse(await page()).items[0]).toMatchObject({ member: { name: '周杰' }, version: 0 })

    // A member's new name is on the application's copy of it, a change of the application (its
    // version): the page follows at once, and a decision must have seen the new name.
    await updateMember(w.ctx.db, (await findMemberById(w.ctx.db, zhou.memberId))!, { name: '吴杰' })
    expect(JSON.parse(await page()).items[0]).toMatchObject({ member: { name: '吴杰' }, version: 1 })
    expect((await decide(c, zhou.id, 0)).statusCode).toBe(409)

    // The clock passing 48 hours changes no row, only what the page derives: 超时.
    w.ctx.clock.advance(49 * 3_600_000)
    c = await w.as('a1op') // a new session: the first one has expired meanwhile
    expect(JSON.parse(await page()).items[0].overdue).toBe(true)

    // A new application, then a decision: each page is the database's, never the kept one.
    const li = await memberTransfer(w.orgs.b1, w.orgs.a1, '李雷')
    expect(JSON.parse(await page()).items.map((i: { id: number }) => i.id)).toEqual([zhou.id, li.id])
    expect((await decide(c, zhou.id, 1)).statusCode).toBe(200)
    expect(JSON.parse(await page()).items.map((i: { id: number }) => i.id)).toEqual([li.id])
  })
})
