/**
 * Phone numbers at rest (docs/DOMAIN.md §6a): after a registration, an import and a 修改资料,
 * the database holds no phone number in clear — in no column of no table, not in changes_json;
 * the 手机号码 filter still finds the member (by keyed hash), answers show only the mask, and
 * the export gives the number back.
 */
import { describe, expect, it } from 'vitest'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { makeIdCard } from '../test/fixtures'
import { useWorld } from '../test/world'
import { runImport } from '../import/run'
import { runExport } from '../export/run'
import type { ImportFile } from '../import/format'
import { findMemberById, memberMobile } from './repository'
import { sealPersonalData } from './seal'

const w = useWorld()

const auth = { authorization: 'Bearer test-integration-token' }
const post = (url: string, payload: object) => w.app.inject({ method: 'POST', url: `/integration/v1${url}`, headers: auth, payload })

const REGISTERED = '13700001111'
const IMPORTED = '13600002222'
const CHANGED = '13911113333'
const importedIdCard = makeIdCard('20030101')

const importFile = (): ImportFile => ({
  members: [{
    org: 'a1', name: '周导入', idCard: importedIdCard, mobile: IMPORTED, nation: '汉族', education: '本科在读', occupation: '学生',
    politicalOutlook: '共青团员', leagueSince: '2018-05', status: 'approved', realNameStatus: 'passed', appliedAt: '2026-11-18T08:00:00Z',
  }],
})

/** Every row of every table of the database, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = await w.ctx.db.introspection.getTables()
  const dumps = await Promise.all(tables.map(async (t) => JSON.stringify(await w.ctx.db.selectFrom(t.name as 'members').selectAll().execute())))
  return dumps.join('\n')
}

async function registerImportAndChange() {
  const reg = await post('/registrations', {
    org: 'a1', name: '吴敏', idCard: makeIdCard('20040315'), mobile: REGISTERED, nation: '汉族', education: '本科在读',
    occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05',
  })
  expect(reg.statusCode).toBe(201)
  const imported = await runImport(w.ctx.db, w.ctx.crypto, importFile(), { now: w.ctx.clock.now() })
  expect(imported.ok).toBe(true)
  // The phone changes at once; 政治面貌 goes to review (docs/DOMAIN.md §3).
  const change = await post('/change-requests', { idCard: importedIdCard, changes: { mobile: CHANGED, politicalOutlook: '中共预备党员' } })
  expect(change.json()).toMatchObject({ pending: ['politicalOutlook'], applied: ['mobile'] })
  const row = await w.ctx.db.selectFrom('members').selectAll().where('id_card_hash', '=', w.ctx.crypto.lookupHash(importedIdCard)).executeTakeFirstOrThrow()
  return { memberId: row.id, reviewId: change.json().reviewId as number }
}

describe('phone numbers at rest', () => {
  it('are in no column of the database after a registration, an import and a 修改资料', async () => {
    await registerImportAndChange()
    const dump = await wholeDatabase()
    expect(dump).toContain('吴敏') // the dump reads the rows it should
    for (const phone of [REGISTERED, IMPORTED, CHANGED]) expect(dump).not.toContain(phone)
    const reviews = await w.ctx.db.selectFrom('profile_reviews').select('changes_json').where('kind', '=', 'change').execute()
    expect(reviews.map((r) => JSON.parse(r.changes_json!))).toEqual([[{ field: 'politicalOutlook', before: '共青团员', after: '中共预备党员' }]])
  })

  it('the 手机号码 filter finds the member by keyed hash, and answers show only the mask', async () => {
    const { memberId, reviewId } = await registerImportAndChange()
    const op = await w.as('a1op', 'pc')
    const found = await op.get(`/api/members?mobile=${CHANGED}`)
    expect(found.json().items.map((i: { id: number }) => i.id)).toEqual([memberId])
    expect(found.json().items[0].mobileMasked).toBe('139****3333')
    expect((await op.get(`/api/members?mobile=${IMPORTED}`)).json().items).toEqual([]) // the old number no longer
    const answers = [found, await op.get('/api/members'), await op.get(`/api/members/${memberId}`), await op.get(`/api/profile-reviews/${reviewId}`)]
    for (const res of answers) {
      expect(res.statusCode).toBe(200)
      expect(res.body).not.toMatch(/1[3-9]\d{9}/)
    }
    expect((await op.get(`/api/members/${memberId}`)).json().mobileMasked).toBe('139****3333')
  })

  it('the export decrypts them: the file gives every number back', async () => {
    await registerImportAndChange()
    const dir = await mkdtemp(join(tmpdir(), 'mobile-export-'))
    try {
      await runExport(w.ctx.db, w.ctx.crypto, join(dir, 'out.json'))
      const file = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as ImportFile
      const mobiles = Object.fromEntries(file.members!.map((m) => [m.name, m.mobile]))
      expect(mobiles).toMatchObject({ 吴敏: REGISTERED, 周导入: CHANGED })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('sealPersonalData seals what an older version left in clear, page by page, and then finds nothing', async () => {
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const { id } = await w.member('a1', { idCard: makeIdCard(`2003010${i + 1}`), mobile: `1350000000${i}` })
      ids.push(id)
    }
    // As a database migrated by 0011 from an older version holds them.
    for (const [i, id] of ids.entries()) {
      await sql`update members set mobile = ${`1350000000${i}`}, mobile_enc = null, mobile_hash = null where id = ${id}`.execute(w.ctx.db)
    }
    await sealPersonalData(w.ctx.db, w.ctx.crypto, { page: 2 })
    const rows = await Promise.all(ids.map((id) => findMemberById(w.ctx.db, id)))
    expect(rows.map((r) => r!.mobile)).toEqual(['', '', '', '', ''])
    expect(rows.map((r) => memberMobile(w.ctx.crypto, r!))).toEqual(['13500000000', '13500000001', '13500000002', '13500000003', '13500000004'])
    const op = await w.as('a1op')
    expect((await op.get('/api/members?mobile=13500000003')).json().items.map((i: { id: number }) => i.id)).toEqual([ids[3]])
    const sealed = rows.map((r) => r!.mobile_enc)
    await sealPersonalData(w.ctx.db, w.ctx.crypto)
    const again = await Promise.all(ids.map((id) => findMemberById(w.ctx.db, id)))
    expect(again.map((r) => r!.mobile_enc)).toEqual(sealed)
  })
})
