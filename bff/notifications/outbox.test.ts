import { beforeEach, describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'

const w = useWorld({ wecomUsers: [{ userid: 'zhangwei', name: '张伟' }, { userid: 'liuyang', name: '刘洋' }] })
let bg: ReturnType<typeof w.background>
const logs: { msg: string; extra?: Record<string, unknown> }[] = []

beforeEach(async () => {
  // a1 has one operator with WeCom (zhangwei); b1's operator gets a WeCom id too.
  await w.ctx.db.updateTable('accounts').set({ wecom_user_id: 'liuyang' }).where('id', '=', w.accounts.b1op).execute()
  logs.length = 0
  bg = w.background({ log: (msg, extra) => logs.push({ msg, extra }) })
})

describe('reviewer notifications in WeCom', () => {
  it('aggregates many registrations into one textcard to the branch operators, linking through login', async () => {
    for (const name of ['赵一', '钱二', '孙三', '李四', '周五']) await w.register(name) // each accepted (201), or it throws
    await bg.worker.tick()
    const sent = w.cards()
    expect(sent).toHaveLength(1)
    expect(sent[0].to).toEqual(['zhangwei'])
    expect(sent[0].card.title).toBe('您有5条新的待审核事项')
    expect(sent[0].card.description).toContain('团员报到：5条待审核')
    expect(sent[0].card.url).toBe(`http://app.test:3000/auth/login?next=${encodeURIComponent('/#/reviews')}`)
  })

  it('sends at most one message per organisation in a window; later events wait for the next one', async () => {
    await w.register('赵一')
    await bg.worker.tick()
    w.ctx.clock.advance(60_000)
    await w.register('钱二')
    await bg.worker.tick()
    expect(w.cards()).toHaveLength(1)
    w.ctx.clock.advance(3 * 60_000)
    await bg.worker.tick()
    expect(w.cards()).toHaveLength(2)
    expect(w.cards()[1].card.title).toBe('您有1条新的待审核事项')
  })

  it('keeps the message through a WeCom outage and delivers it once WeCom answers again', async () => {
    w.sim.control.httpErrorNext(3, { status: 500, api: 'message/send' })
    await w.register('赵一')
    await bg.worker.tick()
    expect(w.cards()).toHaveLength(0)
    const pending = await w.ctx.db.selectFrom('notification_deliveries').selectAll().execute()
    expect(pending).toHaveLength(1)
    expect(pending[0]).toMatchObject({ state: 'pending' })
    expect(pending[0].last_error).toBeTruthy()
    const admin = await w.as('gdadmin')
    const status = (await admin.get('/api/background')).json()
    expect(status).toMatchObject({ deliveriesPending: 1 })
    expect(status.lastDeliveryError).toContain('message/send')
    expect((await admin.get('/api/me')).json().seesBackground).toBe(true)
    const cityAdmin = await w.as('a1admin')
    expect((await cityAdmin.get('/api/background')).statusCode).toBe(403)
    // /api/me tells the PC not to ask (no 403 in the console).
    expect((await cityAdmin.get('/api/me')).json().seesBackground).toBe(false)
    for (let i = 0; i < 4; i++) {
      w.ctx.clock.advance(5 * 60_000)
      await bg.worker.tick()
    }
    expect(w.cards()).toHaveLength(1)
    const final = await w.ctx.db.selectFrom('notification_deliveries').selectAll().execute()
    expect(final).toMatchObject([{ state: 'sent' }])
  })

  it('stops retrying a message after JOB_MAX_ATTEMPTS failures: 失败 with its error, no more sends', async () => {
    w.sim.control.httpErrorNext(1000, { status: 502, api: 'message/send' })
    await w.register('赵一')
    // Backoff grows to 30 minutes; an hour between ticks lets every retry come due.
    for (let i = 0; i < w.ctx.config.jobs.maxAttempts + 3; i++) {
      await bg.worker.tick()
      w.ctx.clock.advance(60 * 60_000)
    }
    expect(w.sim.control.callCount('message/send')).toBe(w.ctx.config.jobs.maxAttempts)
    const [delivery] = await w.ctx.db.selectFrom('notification_deliveries').selectAll().execute()
    expect(delivery).toMatchObject({ state: 'failed', attempts: w.ctx.config.jobs.maxAttempts })
    expect(delivery.last_error).toContain(`已尝试 ${w.ctx.config.jobs.maxAttempts} 次，停止发送`)
    const admin = await w.as('gdadmin')
    expect((await admin.get('/api/background')).json()).toMatchObject({ deliveriesPending: 0, lastDeliveryError: delivery.last_error })
  })

  it('survives a restart: a new worker delivers what the old one had queued', async () => {
    w.sim.control.httpErrorNext(1, { status: 500, api: 'message/send' })
    await w.register('赵一')
    await bg.worker.tick()
    await bg.stop()
    bg = w.background({ sender: w.rewireWecom().sender, workerId: 'restarted' })
    w.ctx.clock.advance(60_000)
    await bg.worker.tick()
    expect(w.cards()).toHaveLength(1)
  })

  it('tells the organisation of the node a transfer reaches', async () => {
    const m = await w.member('a1', { profileStatus: 'approved', name: '吴六' })
    const res = await w.integration('POST', '/transfers', { idCard: m.idCard, to: 'b1', kind: 'in_province', cause: '就业/工作调动', studyWorkUnit: '腾讯' })
    const op = await w.as('a1op')
    await op.post(`/api/transfers/${res.json().transferId}/decision`, { decision: 'approve', version: 0 })
    await bg.worker.tick()
    expect(w.cards().map((c) => [c.to, c.card.title])).toEqual([[['zhangwei'], '您有1条新的待审核事项']])
    expect(w.cards()[0].card.url).toContain(encodeURIComponent('/#/transfers'))
  })

  it('sends nothing to an operator who switched notifications off', async () => {
    const op = await w.as('a1op')
    expect((await op.put('/api/me/notifications', { enabled: false })).statusCode).toBe(200)
    await w.register('赵一')
    await bg.worker.tick()
    expect(w.cards()).toEqual([])
    expect(await w.ctx.db.selectFrom('notification_deliveries').select('state').execute()).toEqual([{ state: 'skipped' }])
  })

  it('logs recipients WeCom refuses and gives up on a message no one can receive (81013)', async () => {
    await w.ctx.db.updateTable('accounts').set({ wecom_user_id: 'left_the_corp' }).where('id', '=', w.accounts.a1op).execute()
    await w.register('赵一')
    await bg.worker.tick()
    const d = await w.ctx.db.selectFrom('notification_deliveries').selectAll().executeTakeFirstOrThrow()
    expect(d.state).toBe('failed')
    expect(logs.some((l) => l.msg === 'message/send failed' && l.extra?.errcode === 81013)).toBe(true)
  })
})

describe('the daily 催办 digest', () => {
  it('reminds an organisation of its own items waiting more than 48 hours, once, at 09:00 China time', async () => {
    const m = await w.member('a1', { profileStatus: 'approved', name: '吴六' })
    await w.member('a1', { name: '郑七' }) // a registration pending since 11-20T02:00Z
    await w.member('a2', { name: '冯八', appliedAt: '2026-11-22T12:00:00Z' }) // not overdue on 11-23T01:00Z; a2 has no WeCom operator anyway
    await w.integration('POST', '/transfers', { idCard: m.idCard, to: 'b1', kind: 'in_province', cause: '就业/工作调动', studyWorkUnit: '腾讯' })
    await bg.start()
    await bg.worker.tick() // the card about the new application
    await bg.stop()
    expect(w.cards()).toHaveLength(1)
    // 2026-11-20T02:00Z now; the digest runs at 01:00Z; the application is overdue from 11-22T02:00Z.
    w.ctx.clock.set('2026-11-21T01:00:01Z')
    await bg.worker.tick()
    expect(w.cards()).toHaveLength(1) // not overdue yet: nothing to remind
    w.ctx.clock.set('2026-11-23T01:00:01Z')
    await bg.worker.tick()
    await bg.worker.tick()
    const digest = w.cards().slice(1)
    expect(digest).toHaveLength(1)
    expect(digest[0].to).toEqual(['zhangwei'])
    expect(digest[0].card.title).toBe('催办：有待办超过48小时未处理')
    // Its own overdue items of both queues: the transfer at a1 and the old registration below.
    expect(digest[0].card.description).toContain('2条待办已超过48小时未处理（资料审核1条、组织关系转接1条）')
  })
})
