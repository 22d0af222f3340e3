import { describe, expect, it } from 'vitest'
import { useWorld } from '../test/world'

const w = useWorld()

describe('常用退回原因 (docs/DOMAIN.md §5b)', () => {
  it('offers the preset list of each kind', async () => {
    const op = await w.as('a1op')
    const profile = (await op.get('/api/return-reasons?kind=profile')).json()
    expect(profile.presets).toEqual(expect.arrayContaining(['身份证号码与姓名不一致', '入团年月有误', '所在单位填写不规范', '照片不清晰']))
    expect(profile.recent).toEqual([])
    const transfer = (await op.get('/api/return-reasons?kind=transfer')).json()
    expect(transfer.presets.length).toBeGreaterThan(2)
    expect(transfer.presets).not.toContain('照片不清晰')
    expect((await op.get('/api/return-reasons?kind=other')).statusCode).toBe(400)
  })

  it("lists the operator's own last ten distinct reasons, most recent first, per kind", async () => {
    const op = await w.as('a1op')
    const reasons = ['原因一', '原因二', '原因三', '原因四', '原因五', '原因六', '原因七', '原因八', '原因九', '原因十', '原因十一', '原因二']
    for (const [i, reason] of reasons.entries()) {
      const m = await w.member('a1', { name: `退回${i}` })
      w.ctx.clock.advance(60_000)
      const res = await op.post(`/api/profile-reviews/${m.reviewId}/decision`, { decision: 'return', reason, version: 0 })
      expect(res.statusCode).toBe(200)
    }
    // Someone else's return is not mine.
    const other = await w.member('a2', { name: '别人' })
    w.ctx.clock.advance(60_000)
    await (await w.as('a2op')).post(`/api/profile-reviews/${other.reviewId}/decision`, { decision: 'return', reason: '别人的原因', version: 0 })

    const { recent } = (await op.get('/api/return-reasons?kind=profile')).json()
    expect(recent).toEqual(['原因二', '原因十一', '原因十', '原因九', '原因八', '原因七', '原因六', '原因五', '原因四', '原因三'])
    expect((await op.get('/api/return-reasons?kind=transfer')).json().recent).toEqual([])
  })

  it('remembers transfer returns under the transfer kind', async () => {
    const m = await w.member('b1', { profileStatus: 'approved' })
    const id = await w.transfer({ memberId: m.id, fromOrg: w.orgs.b1, toOrg: w.orgs.a1, kind: 'in_province', initiator: 'member' })
    const op = await w.as('b1op')
    expect((await op.post(`/api/transfers/${id}/decision`, { decision: 'return', reason: '转入组织选择有误', version: 0 })).statusCode).toBe(200)
    expect((await op.get('/api/return-reasons?kind=transfer')).json().recent).toEqual(['转入组织选择有误'])
  })

  it('lets only the root admin edit the presets, checks each one and audits the change', async () => {
    const body = { kind: 'profile', presets: ['  照片不清晰  ', '入团年月有误'] }
    expect((await (await w.as('a1admin')).put('/api/return-reasons/presets', body)).statusCode).toBe(403)
    expect((await (await w.as('szop')).put('/api/return-reasons/presets', body)).statusCode).toBe(403)
    const root = await w.as('gdadmin', 'pc')
    const bad = await root.put('/api/return-reasons/presets', { kind: 'profile', presets: ['入团年月有误', ' 入团年月有误'] })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('presets[1]: 与前面的原因重复')
    expect((await root.put('/api/return-reasons/presets', { kind: 'profile', presets: ['   '] })).json().message).toBe('presets[0]: 请填写退回原因')
    expect((await root.put('/api/return-reasons/presets', { kind: 'profile', presets: ['长'.repeat(250)] })).statusCode).toBe(400)

    const ok = await root.put('/api/return-reasons/presets', body)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().presets).toEqual(['照片不清晰', '入团年月有误'])
    const op = await w.as('a1op')
    expect((await op.get('/api/return-reasons?kind=profile')).json().presets).toEqual(['照片不清晰', '入团年月有误'])
    expect((await op.get('/api/return-reasons?kind=transfer')).json().presets.length).toBeGreaterThan(2) // untouched
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'reasons.update').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ account_id: w.accounts.gdadmin, org_id: w.orgs.gd.id, channel: 'pc' })
  })
})
