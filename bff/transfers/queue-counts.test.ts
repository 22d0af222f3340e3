/**
 * The home's 转接 counts are kept, not counted (queueCounts in bff/transfers/repository.ts): whatever happens
 * to the applications — new ones, agreed, returned, withdrawn, confirmed by the member, placed
 * by a 团委, time passing — every organisation's home says what its 待审核 and 待分配 lists hold.
 */
import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import type { TestClient } from '../test/context'
import { tallyQueueMoves } from './queue-counts'

const w = useWorld()

type Item = { id: number; version: number; overdue: boolean }

async function box(c: TestClient, name: 'todo' | 'allocate'): Promise<Item[]> {
  return (await c.get(`/api/transfers?box=${name}&limit=100`)).json().items
}

/** Each account's home against its lists. */
async function expectHomesMatchLists(clients: TestClient[]) {
  for (const c of clients) {
    const home = (await c.get('/api/dashboard')).json()
    const todo = await box(c, 'todo')
    const allocate = await box(c, 'allocate')
    expect(home.transfers).toEqual({ pending: todo.length, overdue: todo.filter((t) => t.overdue).length })
    expect(home.allocations).toEqual({ pending: allocate.length, overdue: allocate.filter((t) => t.overdue).length })
  }
}

describe('团务管理首页 转接 counts', () => {
  it('follow every change of the applications and the passing of time', async () => {
    const zs = await w.org('ns', { code: 'zs', name: '招商街道团工委', type: 'working_committee' })
    const zs1 = await w.org(zs, { code: 'zs1', name: '招商街道第一社区团支部', type: 'branch' })
    const zsop = await w.account(zs, { kind: 'operator', name: '黄敏', wecomUserId: 'huangmin' })
    // Signed in again after the clock moves: a session ends after its idle time.
    const signIn = () => Promise.all(['a1op', 'a2op', 'szuop', 'nsop', 'b1op'].map((k) => w.as(k as 'a1op')).concat(w.as(zsop)))
    let [a1, a2, szu, ns, b1, zsc] = await signIn()
    let everyone = [a1, a2, szu, ns, b1, zsc]
    const apply = async (name: string, from = w.orgs.a1, to = w.orgs.b1, extra: { initiator?: 'member' | 'branch'; cause?: '毕业'; atStep?: number } = {}) => {
      const m = await w.member(from, { profileStatus: 'approved', name })
      return w.transfer({ memberId: m.id, fromOrg: from, toOrg: to, kind: to.type === 'external' ? 'out_of_province' : 'in_province', initiator: extra.initiator ?? 'member', ...extra })
    }
    const decide = async (c: TestClient, id: number, decision: 'approve' | 'return') => {
      const t = (await c.get(`/api/transfers/${id}`)).json()
      const res = await c.post(`/api/transfers/${id}/decision`, { decision, version: t.version, ...(decision === 'return' ? { reason: '材料不全，请补充后再申请' } : {}) })
      expect(res.statusCode).toBe(200)
    }

    const t1 = await apply('甲一')
    const t2 = await apply('乙二')
    await apply('丙三', w.orgs.a2)
    await apply('丁四', w.orgs.a1, w.orgs.external)
    const graduate = await apply('戊五', w.orgs.a1, zs, { cause: '毕业', atStep: 4 })
    const byBranch = await apply('己六', w.orgs.a1, w.orgs.b1, { initiator: 'branch' })
    await expectHomesMatchLists(everyone)

    await decide(a1, t1, 'approve')
    await decide(a1, t2, 'return')
    await expectHomesMatchLists(everyone)

    // Two days later the waiting ones are overdue; what arrives now is not.
    w.ctx.clock.advance(49 * 3_600_000)
    ;[a1, a2, szu, ns, b1, zsc] = everyone = await signIn()
    await decide(szu, t1, 'approve')
    expect((await w.integration('POST', `/transfers/${byBranch}/confirm`, {})).statusCode).toBe(200)
    await expectHomesMatchLists(everyone)
    expect((await zsc.get('/api/dashboard')).json().allocations).toEqual({ pending: 1, overdue: 1 })

    const withdrawn = (await a1.get(`/api/transfers/${byBranch}`)).json()
    expect((await a1.post(`/api/transfers/${byBranch}/withdraw`, { version: withdrawn.version, reason: '团员改变去向，撤回申请' })).statusCode).toBe(200)
    const g = (await zsc.get(`/api/transfers/${graduate}`)).json()
    expect((await zsc.post(`/api/transfers/${graduate}/allocation`, { branchOrgId: zs1.id, version: g.version })).statusCode).toBe(200)
    await decide(b1, t1, 'approve')
    await decide(ns, t1, 'approve')
    await expectHomesMatchLists(everyone)
    expect((await zsc.get('/api/dashboard')).json().allocations).toEqual({ pending: 0, overdue: 0 })
  })
})

describe('tallyQueueMoves', () => {
  it('makes one change per organisation and drops moves that cancel out', () => {
    expect(tallyQueueMoves([[{ orgId: 1, box: 'pending' }, -1], [{ orgId: 1, box: 'allocate' }, 1], [null, 1]])).toEqual([{ org_id: 1, pending: -1, allocate: 1 }])
    expect(tallyQueueMoves([[{ orgId: 1, box: 'pending' }, -1], [{ orgId: 1, box: 'pending' }, 1]])).toEqual([])
    expect(tallyQueueMoves([[{ orgId: 2, box: 'pending' }, 1], [{ orgId: 3, box: 'pending' }, 1], [{ orgId: 2, box: 'pending' }, 1]])).toEqual([
      { org_id: 2, pending: 2, allocate: 0 },
      { org_id: 3, pending: 1, allocate: 0 },
    ])
  })
})
