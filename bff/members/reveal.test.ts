import { beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { TestClient } from '../test/context'
import { makeIdCard } from '../test/fixtures'
import { useWorld } from '../test/world'
import { REVEAL_ID_PER_HOUR } from '../../shared/limits'
import { memberBirthDate, findMemberById } from './repository'
import { sealPersonalData } from './seal'

let memberId: number
const idCard = makeIdCard('20050317')

const w = useWorld()

beforeEach(async () => {
  memberId = (await w.member('a1', { name: '李雷', idCard, realNameStatus: 'failed' })).id
})

const reveal = (c: TestClient, id = memberId) => c.post(`/api/members/${id}/reveal-id-card`, {})

describe('显示完整号码 (docs/DOMAIN.md §6a)', () => {
  it('answers the full number to a deciding account of the member own 团支部 and writes 操作日志', async () => {
    const c = await w.as('a1op', 'pc')
    const res = await reveal(c)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ idCard })
    const audit = await w.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.reveal_id').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ account_id: w.accounts.a1op, object_type: 'member', object_id: memberId, channel: 'pc', ip: '127.0.0.1' })
    expect(audit[0].summary).not.toContain(idCard)
    expect((await (await w.as('a1admin', 'pc')).post(`/api/members/${memberId}/reveal-id-card`, {})).statusCode).toBe(200)
  })

  it('refuses everyone else: viewer and parent 团委 403, sibling and outsiders 404, nobody signed in 401', async () => {
    expect((await reveal(await w.as('a1viewer'))).statusCode).toBe(403)
    expect((await reveal(await w.as('szuop'))).statusCode).toBe(403)
    expect((await reveal(await w.as('gdadmin'))).statusCode).toBe(403)
    expect((await reveal(await w.as('a2op'))).statusCode).toBe(404)
    expect((await reveal(await w.as('b1op'))).statusCode).toBe(404)
    expect((await w.app.inject({ method: 'POST', url: `/api/members/${memberId}/reveal-id-card` })).statusCode).toBe(401)
    expect(await w.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'member.reveal_id').execute()).toEqual([])
  })

  it(`allows ${REVEAL_ID_PER_HOUR} showings an hour, then 429 with Retry-After`, async () => {
    const c = await w.as('a1op', 'pc')
    for (let i = 0; i < REVEAL_ID_PER_HOUR; i++) expect((await reveal(c)).statusCode).toBe(200)
    const refused = await reveal(c)
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' })
    expect(Number(refused.headers['retry-after'])).toBe(3600)
    w.ctx.clock.advance(3_600_001)
    expect((await reveal(c)).statusCode).toBe(200)
  })

  it('no other answer carries the number or the birth date', async () => {
    const c = await w.as('a1op', 'pc')
    const detail = await c.get(`/api/members/${memberId}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.body).not.toContain(idCard)
    expect(detail.body).not.toContain('2005-03-17')
    expect(detail.body).not.toContain('20050317')
  })
})

describe('birth date at rest', () => {
  it('is not stored in clear; rules read it from the encrypted ID or the encrypted foreign birth date', async () => {
    const row = (await findMemberById(w.ctx.db, memberId))!
    expect(row.birth_date).toBe('')
    expect(memberBirthDate(w.ctx.crypto, row)).toBe('2005-03-17')
    const foreign = await w.member('a1', { idCardType: 'foreign', idCard: 'H12345678', birthDate: '2004-06-01', gender: 'female' })
    const f = (await findMemberById(w.ctx.db, foreign.id))!
    expect(f.birth_date).toBe('')
    expect(f.birth_date_enc).not.toContain('2004')
    expect(memberBirthDate(w.ctx.crypto, f)).toBe('2004-06-01')
  })

  it('sealPersonalData encrypts what an older version left in clear', async () => {
    const foreign = await w.member('a1', { idCardType: 'foreign', idCard: 'H7654321', birthDate: '2003-02-01', gender: 'male' })
    await sql`update members set birth_date = '2003-02-01', birth_date_enc = null where id = ${foreign.id}`.execute(w.ctx.db)
    await sealPersonalData(w.ctx.db, w.ctx.crypto)
    const f = (await findMemberById(w.ctx.db, foreign.id))!
    expect(f.birth_date).toBe('')
    expect(memberBirthDate(w.ctx.crypto, f)).toBe('2003-02-01')
  })
})
