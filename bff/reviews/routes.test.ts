import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'
import { enqueueRealnameCheck } from '../realname/checks'
import { findMemberById, updateMember } from '../members/repository'

const w = useWorld()

const approve = (version = 0) => ({ decision: 'approve', version })
const ret = (reason: string | undefined, version = 0) => ({ decision: 'return', reason, version })

describe('profile review API: refusals', () => {
  it('answers 401 without a session', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/profile-reviews' })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('answers 403 CSRF for a decision without the CSRF header', async () => {
    const { reviewId } = await w.member('a1')
    const c = await w.as('a1op')
    const res = await w.app.inject({ method: 'POST', url: `/api/profile-reviews/${reviewId}/decision`, headers: { cookie: `sid=${c.token}` }, payload: approve() })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('CSRF')
  })

  it("hides another branch's review as 404, in the detail and in the decision", async () => {
    const { reviewId } = await w.member('a1')
    const other = await w.as('a2op')
    expect((await other.get(`/api/profile-reviews/${reviewId}`)).statusCode).toBe(404)
    const res = await other.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.statusCode).toBe(404)
    expect((await other.get('/api/profile-reviews')).json().items).toEqual([])
  })

  it('lets the parent organisation see a branch review but not decide it', async () => {
    const { reviewId } = await w.member('a1')
    const parent = await w.as('szuop')
    const detail = await parent.get(`/api/profile-reviews/${reviewId}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json().canDecide).toBe(false)
    const res = await parent.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('NOT_DECIDABLE')
  })

  it('refuses decisions from a read-only 团干 account', async () => {
    const { reviewId } = await w.member('a1')
    const viewer = await w.as('a1viewer')
    const res = await viewer.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('READ_ONLY')
  })

  it('answers 409 to a second decision and to a stale version, and keeps the first decision', async () => {
    const { reviewId } = await w.member('a1')
    const c = await w.as('a1op')
    expect((await c.post(`/api/profile-reviews/${reviewId}/decision`, approve(0))).statusCode).toBe(200)
    const again = await c.post(`/api/profile-reviews/${reviewId}/decision`, ret('资料有误', 1))
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'CONFLICT', message: '该申请已被处理' })
    const stale = await c.post(`/api/profile-reviews/${reviewId}/decision`, ret('资料有误', 0))
    expect(stale.statusCode).toBe(409)
    expect((await c.get(`/api/profile-reviews/${reviewId}`)).json()).toMatchObject({ status: 'approved', profileStatus: 'approved' })
  })

  it.each([
    [undefined, 'REASON_REQUIRED'],
    ['   ', 'REASON_REQUIRED'],
    ['退'.repeat(250), 'REASON_TOO_LONG'],
  ])('refuses a return with reason %j as 422 %s and changes nothing', async (reason, code) => {
    const { reviewId } = await w.member('a1')
    const c = await w.as('a1op')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, ret(reason))
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe(code)
    expect((await c.get(`/api/profile-reviews/${reviewId}`)).json().status).toBe('pending')
  })

  it('refuses to approve a pending real-name check', async () => {
    const { reviewId } = await w.member('a1', { realNameStatus: 'pending' })
    const c = await w.as('a1op')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'REALNAME_PENDING', message: '实名认证校验中，暂时无法审核' })
  })

  it('refuses to approve a failed real-name check on mobile and points to the PC site', async () => {
    const { reviewId } = await w.member('a1', { realNameStatus: 'failed' })
    const c = await w.as('a1op', 'mobile')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({
      code: 'REALNAME_OFFLINE_REQUIRED',
      message: '该团员身份证校验未通过，请到PC端进行审核',
      pcUrl: 'http://app.test:3000/pc/',
    })
  })

  it('refuses to approve a member whose 团籍 is not 正常', async () => {
    const { reviewId } = await w.member('a1', { leagueStatus: 'disabled' })
    const c = await w.as('a1op')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.json().code).toBe('LEAGUE_STATUS_ABNORMAL')
  })

  it('answers 400 naming the field for a malformed decision', async () => {
    const { reviewId } = await w.member('a1')
    const c = await w.as('a1op')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, { decision: 'maybe', version: 0 })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION')
    expect(res.json().message).toContain('decision')
  })

  it('answers 400 for a tampered cursor', async () => {
    const c = await w.as('a1op')
    const res = await c.get('/api/profile-reviews?cursor=not-a-cursor')
    expect(res.statusCode).toBe(400)
  })
})

describe('profile review API: decisions', () => {
  it('approving a registration moves it from 待审核 to 已审核, approves the member and writes the audit log', async () => {
    const { id: memberId, reviewId } = await w.member('a1', { name: '黄晓明' })
    const c = await w.as('a1op')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, approve())
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'approved', profileStatus: 'approved', decidedBy: { name: '张伟' }, canDecide: false })
    expect((await c.get('/api/profile-reviews?state=pending')).json().items).toEqual([])
    const handled = (await c.get('/api/profile-reviews?state=handled')).json().items
    expect(handled.map((i: { id: number }) => i.id)).toEqual([reviewId])
    const member = (await c.get(`/api/members/${memberId}`)).json()
    expect(member.profileStatus).toBe('approved')
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'review.approve').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ account_id: w.accounts.a1op, org_id: w.orgs.a1.id, channel: 'mobile', object_id: reviewId })
    expect(audit[0].summary).toContain('黄晓明')
    expect(audit[0].summary).not.toMatch(/\d{17}[\dX]/)
  })

  it('已审核 shows the organisation’s decisions, imported history included, but not a member’s own 撤回', async () => {
    const imported = await w.member('a1')
    const withdrawn = await w.member('a1')
    const at = w.ctx.clock.now().toISOString()
    await w.ctx.db.updateTable('profile_reviews').set({ state: 'returned', decided_at: at, reason: '导入的退回记录' }).where('id', '=', imported.reviewId!).execute()
    await w.ctx.db.updateTable('profile_reviews').set({ state: 'withdrawn', decided_at: at }).where('id', '=', withdrawn.reviewId!).execute()
    const c = await w.as('a1op')
    const handled = (await c.get('/api/profile-reviews?state=handled')).json().items
    expect(handled.map((i: { id: number; returnReason: string }) => [i.id, i.returnReason])).toEqual([[imported.reviewId, '导入的退回记录']])
  })

  it('returning a registration records the reason the member will see', async () => {
    const { reviewId } = await w.member('a1')
    const c = await w.as('a1op')
    const res = await c.post(`/api/profile-reviews/${reviewId}/decision`, ret('  入团年月与档案不符，请核对后重新提交  '))
    expect(res.json()).toMatchObject({ status: 'returned', profileStatus: 'registration_returned', returnReason: '入团年月与档案不符，请核对后重新提交' })
  })

  it('approving a change applies the new values; returning one keeps the old values', async () => {
    const m1 = await w.member('a1', { profileStatus: 'approved', politicalOutlook: '共青团员' })
    const m2 = await w.member('a1', { profileStatus: 'approved', income: '2000元以下' })
    const r1 = await w.changeRequest(m1.id, { politicalOutlook: '中共预备党员' })
    const r2 = await w.changeRequest(m2.id, { income: '5000-8000元' })
    const c = await w.as('a1op')
    const detail = (await c.get(`/api/profile-reviews/${r1}`)).json()
    expect(detail.kind).toBe('change')
    expect(detail.changes).toEqual([{ field: 'politicalOutlook', label: '政治面貌', before: '共青团员', after: '中共预备党员' }])
    await c.post(`/api/profile-reviews/${r1}/decision`, approve())
    await c.post(`/api/profile-reviews/${r2}/decision`, ret('收入信息有误'))
    expect((await c.get(`/api/members/${m1.id}`)).json()).toMatchObject({ politicalOutlook: '中共预备党员', profileStatus: 'approved' })
    expect((await c.get(`/api/members/${m2.id}`)).json()).toMatchObject({ income: '2000元以下', profileStatus: 'change_returned' })
  })

  it('shows a failed check as scheduled for re-check only while a re-check job is queued', async () => {
    const { id, reviewId } = await w.member('a1', { realNameStatus: 'failed' })
    const c = await w.as('a1op')
    const realName = async () => (await c.get(`/api/profile-reviews/${reviewId}`)).json().realName
    expect(await realName()).toMatchObject({ status: 'failed', recheckScheduled: false, nextRecheckAt: null }) // no job: no promise
    const { applied_at } = await w.ctx.db.selectFrom('members').select('applied_at').where('id', '=', id).executeTakeFirstOrThrow()
    const at = new Date(new Date(applied_at!).getTime() + w.ctx.config.realname.recheckDelaysMs[0])
    await enqueueRealnameCheck(w.ctx.db, id, applied_at!, at, w.ctx.clock.now())
    expect(await realName()).toMatchObject({ status: 'failed', recheckScheduled: true, nextRecheckAt: at.toISOString() })
    await w.ctx.db.updateTable('jobs').set({ done_at: w.ctx.clock.now().toISOString() }).execute() // it ran
    expect(await realName()).toMatchObject({ recheckScheduled: false, nextRecheckAt: null })
  })

  it('masks the ID number and the mobile in the detail', async () => {
    const { reviewId, idCard } = await w.member('a1', { mobile: '13912345678' })
    const c = await w.as('a1op')
    const res = await c.get(`/api/profile-reviews/${reviewId}`)
    expect(res.body).not.toContain(idCard)
    expect(res.body).not.toContain('13912345678')
    expect(res.json().memberDetail).toMatchObject({ idCardMasked: `${idCard.slice(0, 4)}**********${idCard.slice(-4)}`, mobileMasked: '139****5678' })
  })

  it('filters the pending queue by kind and by the beginning of the name, alone and together, page by page', async () => {
    const zhang = []
    for (let i = 0; i < 3; i++) {
      w.ctx.clock.advance(60_000)
      zhang.push((await w.member('a1', { name: `张${i}` })).reviewId!)
    }
    w.ctx.clock.advance(60_000)
    const li = (await w.member('a1', { name: '李雷' })).reviewId!
    w.ctx.clock.advance(60_000)
    const changed = await w.member('a1', { name: '张改', profileStatus: 'approved' })
    const change = await w.changeRequest(changed.id, { income: '5000-8000元' })
    // Another branch's 张 is not in this queue.
    await w.member('a2', { name: '张外' })
    const c = await w.as('a1op')
    const ids = async (query: string) => {
      const out: number[] = []
      let cursor: string | null = null
      do {
        const page: { items: { id: number }[]; nextCursor: string | null } = (await c.get(`/api/profile-reviews?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`)).json()
        out.push(...page.items.map((i) => i.id))
        cursor = page.nextCursor
      } while (cursor)
      return out
    }
    expect(await ids('state=pending')).toEqual([change, li, ...[...zhang].reverse()])
    expect(await ids('state=pending&kind=change')).toEqual([change])
    expect(await ids('state=pending&kind=registration')).toEqual([li, ...[...zhang].reverse()])
    expect(await ids(`state=pending&q=${encodeURIComponent('张')}`)).toEqual([change, ...[...zhang].reverse()])
    expect(await ids(`state=pending&kind=registration&q=${encodeURIComponent('张')}`)).toEqual([...zhang].reverse())
  })

  it('pages the pending queue newest first with a cursor, without repeating or losing rows', async () => {
    const ids: number[] = []
    for (let i = 0; i < 25; i++) {
      w.ctx.clock.advance(60_000)
      ids.push((await w.member('a1')).reviewId!)
    }
    const c = await w.as('a1op')
    const first = (await c.get('/api/profile-reviews?limit=20')).json()
    expect(first.items).toHaveLength(20)
    expect(first.nextCursor).toBeTruthy()
    const second = (await c.get(`/api/profile-reviews?limit=20&cursor=${first.nextCursor}`)).json()
    expect(second.nextCursor).toBeNull()
    const seen = [...first.items, ...second.items].map((i: { id: number }) => i.id)
    expect(seen).toEqual([...ids].reverse())
  })
})

describe('profile review API: a 待审核 page read again and again (kept pages, bff/kept-pages.ts)', () => {
  it('answers the same JSON while nothing changed, and the changed page as soon as anything did', async () => {
    const huang = await w.member('a1', { name: '黄晓明' })
    const c = await w.as('a1op')
    const page = async () => (await c.get('/api/profile-reviews?state=pending')).body
    const first = await page()
    expect(await page()).toBe(first)
    expect(JSON.parse(first).items).toMatchObject([{ id: huang.reviewId, member: { name: '黄晓明' }, realNameStatus: 'passed', version: 0 }])

    // What the row shows of the member changes with the member's version: the page follows at once.
    await updateMember(w.ctx.db, (await findMemberById(w.ctx.db, huang.id))!, { name: '黄明' })
    expect(JSON.parse(await page()).items[0].member.name).toBe('黄明')
    await updateMember(w.ctx.db, (await findMemberById(w.ctx.db, huang.id))!, { realname_status: 'failed' })
    expect(JSON.parse(await page()).items[0].realNameStatus).toBe('failed')

    // A new registration, then a decision: each page is the database's, never the kept one.
    w.ctx.clock.advance(60_000)
    const li = await w.member('a1', { name: '李雷' })
    expect(JSON.parse(await page()).items.map((i: { id: number }) => i.id)).toEqual([li.reviewId, huang.reviewId])
    expect((await c.post(`/api/profile-reviews/${li.reviewId}/decision`, approve())).statusCode).toBe(200)
    expect(JSON.parse(await page()).items.map((i: { id: number }) => i.id)).toEqual([huang.reviewId])
  })
})
