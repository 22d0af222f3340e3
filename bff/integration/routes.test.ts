import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../test/fixtures'
import { useWorld } from '../test/world'

const w = useWorld()

const auth = { authorization: 'Bearer test-integration-token' }
const post = (url: string, payload?: object) => w.app.inject({ method: 'POST', url: `/integration/v1${url}`, headers: auth, payload })

const registration = (over: object = {}) => ({
  org: 'a1', name: '吴敏', idCard: makeIdCard('20040315'), mobile: '13700001111', nation: '汉族', education: '本科在读',
  occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05', ...over,
})

describe('integration API: refusals', () => {
  it('refuses a request without the bearer token', async () => {
    const res = await w.app.inject({ method: 'POST', url: '/integration/v1/registrations', payload: registration() })
    expect(res.statusCode).toBe(401)
    const wrong = await w.app.inject({ method: 'POST', url: '/integration/v1/registrations', headers: { authorization: 'Bearer nope' }, payload: registration() })
    expect(wrong.statusCode).toBe(401)
  })

  it('names the field and the rule in Chinese for a bad ID number, and writes nothing', async () => {
    const res = await post('/registrations', registration({ idCard: '440305200403150011' }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'idCard', message: '校验码错误' }] })
    expect(await w.ctx.db.selectFrom('members').select('id').execute()).toEqual([])
  })

  it('refuses a value outside a reference list', async () => {
    const res = await post('/registrations', registration({ education: '大学' }))
    expect(res.statusCode).toBe(400)
    expect(res.json().fields[0]).toEqual({ path: 'education', message: '取值不在允许范围内' })
  })

  it('refuses a joining age under 14', async () => {
    const res = await post('/registrations', registration({ idCard: makeIdCard('20100101'), leagueSince: '2023-01' }))
    expect(res.json().fields).toEqual([{ path: 'leagueSince', message: '入团时年龄不得小于14周岁' }])
  })

  it('refuses a registration to an organisation that is not a 团支部', async () => {
    const res = await post('/registrations', registration({ org: 'szu' }))
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('org: 团员只能报到到团支部')
  })

  it('refuses a second registration of a member who is waiting or approved', async () => {
    const body = registration()
    expect((await post('/registrations', body)).statusCode).toBe(201)
    const again = await post('/registrations', body)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('DUPLICATE')
  })
})

describe('integration API: what members do', () => {
  it('a registration lands in the branch queue; after 退回 a resubmission is a new review and the old one stays', async () => {
    const body = registration()
    const first = (await post('/registrations', body)).json()
    await w.ctx.db.updateTable('members').set({ realname_status: 'passed' }).where('id', '=', first.memberId).execute()
    const op = await w.as('a1op')
    const queue = (await op.get('/api/profile-reviews')).json().items
    expect(queue).toHaveLength(1)
    expect(queue[0]).toMatchObject({ id: first.reviewId, kind: 'registration', member: { name: '吴敏' } })
    await op.post(`/api/profile-reviews/${first.reviewId}/decision`, { decision: 'return', reason: '请上传正确的入团年月', version: 0 })
    const status = (await w.app.inject({ method: 'GET', url: `/integration/v1/members/${body.idCard}`, headers: auth })).json()
    expect(status).toMatchObject({ profileStatus: 'registration_returned', latestReturnReason: '请上传正确的入团年月' })
    const second = await post('/registrations', { ...body, leagueSince: '2019-06' })
    expect(second.statusCode).toBe(201)
    expect(second.json().memberId).toBe(first.memberId)
    expect(second.json().reviewId).not.toBe(first.reviewId)
    const reviews = await w.ctx.db.selectFrom('profile_reviews').select(['id', 'state']).orderBy('id').execute()
    expect(reviews.map((r) => r.state)).toEqual(['returned', 'pending'])
  })

  it('a withdrawn registration leaves the queue and can be submitted again', async () => {
    const body = registration()
    const { reviewId } = (await post('/registrations', body)).json()
    expect((await post(`/registrations/${reviewId}/withdraw`)).statusCode).toBe(200)
    expect((await post(`/registrations/${reviewId}/withdraw`)).statusCode).toBe(409)
    const op = await w.as('a1op')
    expect((await op.get('/api/profile-reviews')).json().items).toEqual([])
    expect((await post('/registrations', body)).statusCode).toBe(201)
  })

  it('a change request sends important fields to review and applies the others at once', async () => {
    const m = await w.member('a1', { profileStatus: 'approved', mobile: '13800000000' })
    const res = await post('/change-requests', { idCard: m.idCard, changes: { politicalOutlook: '中共预备党员', mobile: '13911112222' } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ pending: ['politicalOutlook'], applied: ['mobile'] })
    const op = await w.as('a1op')
    const detail = (await op.get(`/api/profile-reviews/${res.json().reviewId}`)).json()
    expect(detail.changes).toEqual([{ field: 'politicalOutlook', label: '政治面貌', before: '共青团员', after: '中共预备党员' }])
    expect(detail.memberDetail).toMatchObject({ mobileMasked: '139****2222', profileStatus: 'change_pending' })
  })

  it('refuses a change of a locked field and a change request of an unregistered member', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const locked = await post('/change-requests', { idCard: m.idCard, changes: { name: '新名字' } })
    expect(locked.statusCode).toBe(400)
    const pending = await w.member('a1')
    const res = await post('/change-requests', { idCard: pending.idCard, changes: { income: '10000元以上' } })
    expect(res.statusCode).toBe(422)
  })

  it('a member-applied transfer starts at the out branch; the member can withdraw it before node 4', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const res = await post('/transfers', { idCard: m.idCard, to: 'b1', kind: 'in_province', cause: '就业/工作调动', studyWorkUnit: '腾讯科技' })
    expect(res.statusCode).toBe(201)
    const again = await post('/transfers', { idCard: m.idCard, to: 'a2', kind: 'in_province', cause: '就业/工作调动', studyWorkUnit: '腾讯科技' })
    expect(again.json().message).toBe('idCard: 团员已有正在办理的转接申请')
    const op = await w.as('a1op')
    expect((await op.get('/api/transfers?box=todo')).json().items).toHaveLength(1)
    expect((await post(`/transfers/${res.json().transferId}/withdraw`, {})).json().code).toBe('REASON_REQUIRED')
    expect((await post(`/transfers/${res.json().transferId}/withdraw`, { reason: '工作有变' })).statusCode).toBe(200)
    expect((await op.get('/api/transfers?box=todo')).json().items).toEqual([])
  })

  it('refuses 其他原因 without a 10-character explanation, and a transfer to the current branch', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const short = await post('/transfers', { idCard: m.idCard, to: 'b1', kind: 'in_province', cause: '其他原因', causeNote: '搬家', studyWorkUnit: '无' })
    expect(short.json().fields[0].path).toBe('causeNote')
    const same = await post('/transfers', { idCard: m.idCard, to: 'a1', kind: 'in_province', cause: '升学/转学', studyWorkUnit: '无' })
    expect(same.json().message).toBe('to: 转入团支部不能是团员当前所在的团支部')
  })
})

describe('integration API: logs', () => {
  it('never writes a full ID number into the request log', async () => {
    const { Writable } = await import('node:stream')
    const { buildApp } = await import('../app')
    let written = ''
    const stream = new Writable({ write(chunk, _enc, done) { written += chunk; done() } })
    const logged = await buildApp({ ctx: w.ctx, logger: { level: 'info', stream } as never })
    const m = await w.member('a1', { profileStatus: 'approved' })
    const res = await logged.inject({ method: 'GET', url: `/integration/v1/members/${m.idCard}`, headers: auth })
    expect(res.statusCode).toBe(200)
    await logged.close()
    expect(written).toContain('/integration/v1/members/[已隐藏]')
    expect(written).not.toContain(m.idCard)
  })
})

describe('integration API: racing requests', () => {
  it('lets only one of several simultaneous transfer applications of a member through', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const results = await Promise.all(
      ['b1', 'a2', 'b1', 'a2'].map((to) => post('/transfers', { idCard: m.idCard, to, kind: 'in_province', cause: '就业/工作调动', studyWorkUnit: '腾讯' })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422, 422, 422])
    // Whether the check or the unique index caught it, the answer is the same.
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().message === 'idCard: 团员已有正在办理的转接申请')).toBe(true)
  })

  it('lets only one of two simultaneous change requests of a member open a review', async () => {
    const m = await w.member('a1', { profileStatus: 'approved' })
    const results = await Promise.all([
      post('/change-requests', { idCard: m.idCard, changes: { income: '10000元以上' } }),
      post('/change-requests', { idCard: m.idCard, changes: { politicalOutlook: '中共党员' } }),
    ])
    // The loser is refused by the status check or, when truly simultaneous, by the version guard.
    const codes = results.map((r) => r.statusCode).sort()
    expect(codes[0]).toBe(201)
    expect([409, 422]).toContain(codes[1])
    const pending = await w.ctx.db.selectFrom('profile_reviews').select('id').where('member_id', '=', m.id).where('state', '=', 'pending').execute()
    expect(pending).toHaveLength(1)
  })
})
