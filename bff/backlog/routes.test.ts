import { beforeEach, describe, expect, it } from 'vitest'
import { insertOrgs } from '../test/fixtures'
import { useWorld } from '../test/world'

const w = useWorld({ wecomUsers: [{ userid: 'zhangwei', name: '张伟' }] })
let bg: ReturnType<typeof w.background>

beforeEach(() => {
  bg = w.background()
})

const HOUR = 3_600_000
const ago = (h: number) => new Date(w.ctx.clock.now().getTime() - h * HOUR).toISOString()

/** a1: 3 registrations (2 overdue), a transfer at its node 60 h ago; a2: 1 registration of 10 h. */
async function seedBacklog() {
  for (const h of [72, 50, 5]) await w.member('a1', { appliedAt: ago(h) })
  await w.member('a2', { appliedAt: ago(10) })
  const m = await w.member('a1', { profileStatus: 'approved', name: '转出人' })
  const t = await w.transfer({ memberId: m.id, fromOrg: w.orgs.a1, toOrg: w.orgs.b1, kind: 'in_province', initiator: 'member' })
  await w.ctx.db.updateTable('transfers').set({ waiting_since: ago(60) }).where('id', '=', t).execute()
  return t
}

describe('下级待办 GET /api/backlog (docs/DOMAIN.md §6)', () => {
  it("counts each child's own pending reviews, transfers at its node, overdue items and the oldest wait", async () => {
    await seedBacklog()
    const op = await w.as('szuop')
    const res = await op.get('/api/backlog')
    expect(res.statusCode).toBe(200)
    const { items, nextCursor } = res.json()
    expect(nextCursor).toBeNull()
    expect(items.map((r: { org: { code: string } }) => r.org.code)).toEqual(['a1', 'a2'])
    expect(items[0]).toMatchObject({ profileReviewsPending: 3, transfersPending: 1, overdue: 3, oldestWaitingSince: ago(72), childCount: 0, remindedToday: false })
    expect(items[1]).toMatchObject({ profileReviewsPending: 1, transfersPending: 0, overdue: 0, oldestWaitingSince: ago(10) })
  })

  it('sorts by overdue, oldest wait or pending and pages by cursor without repeats', async () => {
    // Five more branches under szu with 0..4 pending registrations of different ages.
    const extra = await insertOrgs(w.ctx, w.orgs.szu, ['c0', 'c1', 'c2', 'c3', 'c4'])
    for (const [i, org] of extra.entries()) for (let k = 0; k < i; k++) await w.member(org, { appliedAt: ago(100 - i * 10 - k) })
    await seedBacklog()
    const op = await w.as('szuop')
    const all = async (sort: string) => {
      const codes: string[] = []
      let cursor: string | null = null
      do {
        const res = await op.get(`/api/backlog?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        expect(res.statusCode).toBe(200)
        const body = res.json()
        expect(body.items.length).toBeLessThanOrEqual(2)
        codes.push(...body.items.map((r: { org: { code: string } }) => r.org.code))
        cursor = body.nextCursor
      } while (cursor)
      return codes
    }
    // overdue: c4 (4), then a1 and c3 (3 each, a1 the older id) …
    const byOverdue = await all('overdue')
    expect(byOverdue).toHaveLength(7)
    expect(new Set(byOverdue).size).toBe(7)
    expect(byOverdue.slice(0, 3)).toEqual(['c4', 'a1', 'c3'])
    expect(byOverdue.at(-1)).toBe('c0')
    // ties by id: a2 (fixture) before c1
    expect(await all('pending')).toEqual(['a1', 'c4', 'c3', 'c2', 'a2', 'c1', 'c0'])
    // oldest first; nothing waiting last
    expect(await all('oldest')).toEqual(['c1', 'c2', 'a1', 'c3', 'c4', 'a2', 'c0']) // 90, 80, 72, 70, 60, 10 hours
    expect((await op.get('/api/backlog?cursor=broken')).statusCode).toBe(400)
  })

  it('drills down level by level inside the subtree only', async () => {
    await seedBacklog()
    const sz = await w.as('szop')
    const top = (await sz.get('/api/backlog')).json().items
    expect(top.map((r: { org: { code: string } }) => r.org.code).sort()).toEqual(['ns', 'szu'])
    expect(top.find((r: { org: { code: string } }) => r.org.code === 'szu').childCount).toBe(2)
    const down = (await sz.get(`/api/backlog?under=${w.orgs.szu.id}`)).json().items
    expect(down[0]).toMatchObject({ org: { code: 'a1' }, profileReviewsPending: 3 })
    // ns's operator may not look under szu; a branch has nothing below.
    expect((await (await w.as('nsop')).get(`/api/backlog?under=${w.orgs.szu.id}`)).statusCode).toBe(404)
    expect((await (await w.as('a1op')).get('/api/backlog')).json().items).toEqual([])
  })

  it("shows an organisation's waiting items read-only, only below the caller", async () => {
    await seedBacklog()
    const op = await w.as('szuop')
    const reviews = (await op.get(`/api/backlog/${w.orgs.a1.id}/items?kind=profile`)).json()
    expect(reviews.items).toHaveLength(3)
    expect(reviews.items[0]).toMatchObject({ label: '团员报到', overdue: false })
    expect(reviews.items[0].member.idCardMasked).toMatch(/\*{4,}/)
    const transfers = (await op.get(`/api/backlog/${w.orgs.a1.id}/items?kind=transfer`)).json()
    expect(transfers.items).toEqual([expect.objectContaining({ label: '组织关系转接', overdue: true, detail: `${w.orgs.a1.name} → ${w.orgs.b1.name}` })])
    expect((await op.get(`/api/backlog/${w.orgs.b1.id}/items?kind=profile`)).statusCode).toBe(404)
    expect((await op.get(`/api/backlog/${w.orgs.szu.id}/items?kind=profile`)).statusCode).toBe(404)
  })
})

describe('催办 POST /api/backlog/:orgId/remind', () => {
  it('sends the operators a WeCom card with the counts and a link, once a day, audited', async () => {
    await seedBacklog()
    const op = await w.as('szuop', 'pc')
    const res = await op.post(`/api/backlog/${w.orgs.a1.id}/remind`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ sentTo: 1 })

    await bg.worker.tick()
    const cards = w.cards()
    expect(cards).toHaveLength(1)
    expect(cards[0].to).toEqual(['zhangwei'])
    expect(cards[0].card.title).toBe('催办：上级团组织提醒您及时处理待办')
    expect(cards[0].card.description).toContain('深圳大学团委催办：资料审核3条、组织关系转接1条待处理，其中3条已超过48小时')
    expect(cards[0].card.url).toBe(`http://app.test:3000/auth/login?next=${encodeURIComponent('/#/')}`)

    const again = await op.post(`/api/backlog/${w.orgs.a1.id}/remind`)
    expect(again.statusCode).toBe(429)
    expect(again.json().code).toBe('REMIND_LIMIT')
    expect((await op.get('/api/backlog')).json().items[0].remindedToday).toBe(true)

    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'backlog.remind').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ account_id: w.accounts.szuop, org_id: w.orgs.szu.id, object_type: 'organization', object_id: w.orgs.a1.id, channel: 'pc' })

    // The next China day (UTC 16:00 is midnight in Beijing) allows the next one.
    w.ctx.clock.set('2026-11-20T16:00:01Z')
    const later = await w.as('szuop', 'pc')
    expect((await later.post(`/api/backlog/${w.orgs.a1.id}/remind`)).statusCode).toBe(200)
  })

  it('refuses outside the subtree (404), viewers (403) and organisations no one can receive (422)', async () => {
    const ns = await w.as('nsop')
    expect((await ns.post(`/api/backlog/${w.orgs.a1.id}/remind`)).statusCode).toBe(404)
    const szu = await w.as('szuop')
    expect((await szu.post(`/api/backlog/${w.orgs.szu.id}/remind`)).statusCode).toBe(404)
    const a2 = await szu.post(`/api/backlog/${w.orgs.a2.id}/remind`)
    expect(a2.statusCode).toBe(422)
    expect(a2.json().code).toBe('NO_RECIPIENTS')
    expect(await w.ctx.db.selectFrom('reminders').selectAll().execute()).toEqual([])
    const viewer = await w.account('szu', { kind: 'viewer', name: '看看' })
    expect((await (await w.as(viewer)).post(`/api/backlog/${w.orgs.a1.id}/remind`)).statusCode).toBe(403)
    expect((await szu.post(`/api/backlog/${w.orgs.a1.id}/remind`, undefined)).statusCode).toBe(200)
  })
})

describe('the season chart GET /api/backlog/weekly', () => {
  it('counts transfers reaching this organisation per week, twelve weeks, oldest first', async () => {
    for (const daysAgo of [0, 1, 8, 30, 200]) {
      const m = await w.member('a1', { profileStatus: 'approved' })
      const t = await w.transfer({ memberId: m.id, fromOrg: w.orgs.a1, toOrg: w.orgs.b1, kind: 'in_province', initiator: 'member' })
      await w.ctx.db.updateTable('transfer_steps').set({ waiting_since: ago(daysAgo * 24) }).where('transfer_id', '=', t).where('seq', '=', 1).execute()
    }
    const op = await w.as('a1op')
    const { weeks } = (await op.get('/api/backlog/weekly')).json()
    expect(weeks).toHaveLength(12)
    expect(weeks.at(-1)).toEqual({ weekStart: '2026-11-14', transfers: 2 })
    expect(weeks.at(-2).transfers).toBe(1)
    expect(weeks.reduce((n: number, w: { transfers: number }) => n + w.transfers, 0)).toBe(4)
  })
})
