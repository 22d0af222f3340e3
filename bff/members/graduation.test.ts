/** 预计毕业时间 on the PC member page (docs/DOMAIN.md §5a): who may set it, the rule, the audit row. */
import { beforeEach, expect, it } from 'vitest'
import { useWorld } from '../test/world'

const w = useWorld()
let memberId: number

beforeEach(async () => {
  memberId = (await w.member('a1', { name: '李雷', profileStatus: 'approved' })).id
})

const url = () => `/api/members/${memberId}/expected-graduation`

it('the member’s own 团支部 sets and clears it; the PC list filters by it; each change is audited', async () => {
  const c = await w.as('a1op', 'pc')
  const res = await c.put(url(), { expectedGraduation: '2027-06' })
  expect(res.statusCode).toBe(200)
  expect(res.json().expectedGraduation).toBe('2027-06')
  expect((await c.get('/api/members?expectedGraduation=2027-06')).json().items.map((m: { name: string }) => m.name)).toEqual(['李雷'])
  // The same value again changes nothing and writes no second row.
  expect((await c.put(url(), { expectedGraduation: '2027-06' })).statusCode).toBe(200)
  expect((await c.put(url(), { expectedGraduation: null })).json().expectedGraduation).toBeNull()
  const audit = await w.ctx.db.selectFrom('audit_log').select(['summary', 'channel', 'org_id']).where('action', '=', 'member.graduation').orderBy('id').execute()
  expect(audit).toEqual([
    { summary: '预计毕业时间：李雷，未填写 → 2027-06', channel: 'pc', org_id: w.orgs.a1.id },
    { summary: '预计毕业时间：李雷，2027-06 → 未填写', channel: 'pc', org_id: w.orgs.a1.id },
  ])
})

it('refuses a value that is not yyyy-MM, naming the field and the rule', async () => {
  const c = await w.as('a1op', 'pc')
  for (const bad of ['2027-6', '2027年6月', '2027-13']) {
    const res = await c.put(url(), { expectedGraduation: bad })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('expectedGraduation: 预计毕业时间格式应为 yyyy-MM（如 2027-06）')
  }
})

it('is read-only for a viewer, refused to a 团委 above, and not there for another branch', async () => {
  expect((await (await w.as('a1viewer', 'pc')).put(url(), { expectedGraduation: '2027-06' })).json().code).toBe('READ_ONLY')
  const above = await (await w.as('szuop', 'pc')).put(url(), { expectedGraduation: '2027-06' })
  expect([above.statusCode, above.json().message]).toEqual([403, '只有团员所在团支部的组织账号或运营者可以修改预计毕业时间'])
  expect((await (await w.as('b1op', 'pc')).put(url(), { expectedGraduation: '2027-06' })).statusCode).toBe(404)
  expect(await w.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'member.graduation').execute()).toEqual([])
})
