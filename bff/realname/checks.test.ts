import { describe, expect, it } from 'vitest'
import { makeIdCard, registrationOf, seedProvince } from '../test/fixtures'
import { useWorld } from '../test/world'
import { createBackground } from '../background'
import { httpProvider } from './http-provider'
import { localProvider } from './local-provider'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../db/dialect'
import { migrateToLatest } from '../db/migrations'
import { buildApp } from '../app'

const w = useWorld({ env: { REALNAME_RECHECK_DELAYS: '1h,6h,23h' } })

const H = 3_600_000

const status = async (id: number) =>
  (await w.ctx.db.selectFrom('members').select('realname_status').where('id', '=', id).executeTakeFirstOrThrow()).realname_status

describe('real-name checks', () => {
  it('a registration starts 校验中 and turns 通过 after the check', async () => {
    const { bg, service } = await w.backgroundCheckingWith(['match'])
    const { memberId } = await w.register()
    expect(await status(memberId)).toBe('pending')
    await bg.worker.tick()
    expect(await status(memberId)).toBe('passed')
    expect(service.calls).toHaveLength(1)
  })

  it('a provider outage is retried and never counted as a mismatch', async () => {
    const { bg, service } = await w.backgroundCheckingWith(['http500', 'garbage', 'match'])
    const { memberId } = await w.register()
    await bg.worker.tick()
    expect(await status(memberId)).toBe('pending')
    w.ctx.clock.advance(31_000)
    await bg.worker.tick()
    expect(await status(memberId)).toBe('pending')
    w.ctx.clock.advance(61_000)
    await bg.worker.tick()
    expect(await status(memberId)).toBe('passed')
    expect(service.calls).toHaveLength(3)
  })

  it('a failed check is re-checked at the configured delays and a pass is audited as the system', async () => {
    const { bg, service } = await w.backgroundCheckingWith(['mismatch', 'mismatch', 'match'])
    const { memberId } = await w.register()
    await bg.worker.tick()
    expect(await status(memberId)).toBe('failed')
    w.ctx.clock.advance(59 * 60_000)
    await bg.worker.tick()
    expect(service.calls).toHaveLength(1) // not before 1 h
    w.ctx.clock.advance(2 * 60_000)
    await bg.worker.tick()
    expect(await status(memberId)).toBe('failed')
    w.ctx.clock.advance(5 * H)
    await bg.worker.tick()
    expect(await status(memberId)).toBe('passed')
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'realname.recheck_pass').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ account_id: null, channel: 'system', object_id: memberId })
  })

  it('after the last re-check a failure stays 未通过 and nothing more is scheduled', async () => {
    const { bg, service } = await w.backgroundCheckingWith(['mismatch'])
    const { memberId } = await w.register()
    for (const step of [0, 1, 6, 23, 30]) {
      w.ctx.clock.set(new Date(new Date('2026-11-20T02:00:00.000Z').getTime() + step * H + 60_000))
      await bg.worker.tick()
    }
    expect(await status(memberId)).toBe('failed')
    expect(service.calls).toHaveLength(4)
    const open = await w.ctx.db.selectFrom('jobs').selectAll().where('done_at', 'is', null).where('kind', '=', 'realname_check').execute()
    expect(open).toEqual([])
  })

  it('survives a restart in the middle of the schedule: a new worker picks up the persisted re-checks', async () => {
    const { bg: first, service } = await w.backgroundCheckingWith(['mismatch', 'match'])
    const { memberId } = await w.register()
    await first.worker.tick()
    expect(await status(memberId)).toBe('failed')
    await first.stop()
    const second = w.background({ provider: httpProvider(service.url, 2000), workerId: 'after-restart' })
    w.ctx.clock.advance(H + 1000)
    await second.worker.tick()
    expect(await status(memberId)).toBe('passed')
  })

  it('two worker processes on one database file never check the same registration twice', async () => {
    // Two separate connections to one SQLite file in WAL mode, as two BFF processes have.
    const service = await w.realnameService(['match'])
    const dir = mkdtempSync(join(tmpdir(), 'tuanwu-workers-'))
    const file = `sqlite:${join(dir, 'shared.db')}`
    const handles = [await openDatabase(file), await openDatabase(file)]
    try {
      await migrateToLatest(handles[0].db)
      const shared = { ...w.ctx, db: handles[0].db, dialect: handles[0].dialect }
      await seedProvince(shared)
      const other = await buildApp({ ctx: shared })
      for (let i = 0; i < 8; i++) {
        const res = await other.inject({
          method: 'POST', url: '/integration/v1/registrations', headers: { authorization: 'Bearer test-integration-token' },
          payload: registrationOf('钱多多'),
        })
        expect(res.statusCode).toBe(201)
      }
      await other.close()
      const workers = handles.map((h, i) =>
        createBackground({ ...w.ctx, db: h.db, dialect: h.dialect }, { provider: httpProvider(service.url, 2000), sender: null, workerId: `p${i}` }),
      )
      await Promise.all(workers.map((p) => p.worker.tick()))
      expect(service.calls).toHaveLength(8)
      const left = await handles[1].db.selectFrom('members').select('realname_status').where('realname_status', '!=', 'passed').execute()
      expect(left).toEqual([])
    } finally {
      for (const h of handles) await h.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the local provider', () => {
  it('passes a well-formed number with a known region and fails others', async () => {
    const provider = localProvider({ now: () => new Date('2026-11-24') })
    expect(await provider.check({ name: '张三', idCard: makeIdCard('20000101', '440305') })).toBe('match')
    expect(await provider.check({ name: '张三', idCard: makeIdCard('20000101', '990305') })).toBe('mismatch')
    expect(await provider.check({ name: '张三', idCard: '440305200001010000' })).toBe('mismatch')
  })
})
