import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { isUniqueViolation, type DbHandle } from '../db/dialect'
import { testDatabase } from '../test/context'
import { migrateToLatest } from '../db/migrations'
import { createDataCrypto, type DataCrypto } from '../security/data-crypto'
import { verifyPassword } from '../security/password'
import { insertOrganization } from '../orgs/repository'
import { accountMobileColumns } from '../accounts/repository'
import { runImport } from './run'
import { validateImportFile } from './validate'
import { readExisting } from './read-existing'
import { loadImportFile } from './load'
import { formatProblem } from './problems'
import { sampleFile, sampleIdCard, SAMPLE_NOW } from './sample-file'
import type { ImportFile } from './format'
import { secondaryIndexes, type BulkTable } from './repository'
import { generateDemoData } from './demo/generate'
import { EMPTY_EXISTING } from './existing'
import { insertTransfer } from '../transfers/service'
import { orgsByIds } from '../orgs/repository'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

let handle: DbHandle
let crypto: DataCrypto

let schema: string | undefined

beforeEach(async () => {
  // An empty database, not migrated (the import migrates it): SQLite or a fresh PostgreSQL schema.
  const db = await testDatabase()
  handle = db
  schema = db.schema
  crypto = createDataCrypto(randomBytes(32))
})
afterEach(() => handle.close())

const count = async (table: 'organizations' | 'accounts' | 'members' | 'profile_reviews' | 'transfers' | 'transfer_steps') =>
  Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const hasTables = () => handle.db.selectFrom('organizations').select('id').execute().then(() => true, () => false)
/** The bulk tables' secondary indexes, by name, with the statement the database keeps for each. */
const BULK: BulkTable[] = ['members', 'profile_reviews', 'transfers', 'transfer_steps']
const indexesOf = async (db: Kysely<Database> = handle.db) => (await Promise.all(BULK.map((t) => secondaryIndexes(db, t)))).flat()
const memberId = async (idCard: string) =>
  (await handle.db.selectFrom('members').select('id').where('id_card_hash', '=', crypto.lookupHash(idCard)).executeTakeFirstOrThrow()).id

describe('runImport', () => {
  it('refuses a file with one bad ID number deep inside and leaves a new database without even its tables', async () => {
    const file = sampleFile()
    file.members![57].idCard = file.members![57].idCard.slice(0, 17) + (file.members![57].idCard.endsWith('0') ? '1' : '0')
    const outcome = await runImport(handle.db, crypto, file, { now: SAMPLE_NOW })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.problems.map(formatProblem)).toEqual(['members[57].idCard: 校验码错误'])
    expect(await hasTables()).toBe(false)
  })

  it('refuses a bad file against a migrated database and writes nothing', async () => {
    await migrateToLatest(handle.db, { schema })
    const file = sampleFile()
    file.organizations![4].parent = 'b-002' // b-001 under a 团支部
    const outcome = await runImport(handle.db, crypto, file, { now: SAMPLE_NOW })
    expect(outcome.ok).toBe(false)
    expect(await count('organizations')).toBe(0)
    expect(await count('members')).toBe(0)
  })

  it('leaves nothing half-written when the database refuses a row during writing', async () => {
    await migrateToLatest(handle.db, { schema })
    const indexes = await indexesOf()
    const checked = validateImportFile(sampleFile(), { existing: await readExisting(handle.db, crypto, sampleFile()), now: SAMPLE_NOW })
    if (!checked.ok) throw new Error('the sample file should be valid')
    // Someone else takes the operator's mobile between the check and the write.
    const other = await insertOrganization(handle.db, { code: 'zz', name: '其他组织', type: 'leading', parent: null, createdAt: SAMPLE_NOW.toISOString() })
    await handle.db.insertInto('accounts').values({ org_id: other.id, kind: 'operator', name: '别人', ...accountMobileColumns(crypto, '13800000001'), wecom_user_id: null, password_hash: null, created_at: SAMPLE_NOW.toISOString() }).execute()

    await expect(loadImportFile(handle.db, crypto, checked.file, { now: SAMPLE_NOW })).rejects.toSatisfy(isUniqueViolation)
    expect(await count('organizations')).toBe(1)
    expect(await count('accounts')).toBe(1)
    expect(await count('members')).toBe(0)
    expect(await count('profile_reviews')).toBe(0)
    expect(await count('transfers')).toBe(0)
    expect(await count('transfer_steps')).toBe(0)
    // The load wrote into empty tables without their secondary indexes: the rollback brings them back.
    expect(await indexesOf()).toEqual(indexes)
  })

  it('loads a file in the contract format into a new database', async () => {
    const outcome = await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.counts).toMatchObject({ organizations: 10, accounts: 3, members: 60, registrationReviews: 4, changeRequests: 1, transfers: 3 })
    expect(await count('organizations')).toBe(10) // 9 of the file + external
    expect(await count('members')).toBe(60)
    expect(await count('transfers')).toBe(3)
  })

  it('tells its progress while writing: from none to every record of the file, never backwards', async () => {
    const file = sampleFile()
    const calls: [number, number][] = []
    const outcome = await runImport(handle.db, crypto, file, { now: SAMPLE_NOW, onProgress: (done, total) => calls.push([done, total]) })
    expect(outcome.ok).toBe(true)
    const total = file.organizations!.length + file.accounts!.length + file.members!.length + file.changeRequests!.length + file.transfers!.length
    expect(calls[0]).toEqual([0, total])
    expect(calls.at(-1)).toEqual([total, total])
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0])
  })

  it('keeps 预计毕业时间 so the branch can filter its graduating class (docs/DOMAIN.md §5a)', async () => {
    const file = sampleFile()
    file.members![5].expectedGraduation = '2027-06'
    expect((await runImport(handle.db, crypto, file, { now: SAMPLE_NOW })).ok).toBe(true)
    const rows = await handle.db.selectFrom('members').select('expected_graduation').where('expected_graduation', 'is not', null).execute()
    expect(rows).toEqual([{ expected_graduation: '2027-06' }])
  })

  it('computes the materialised path of every organisation, parents first', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const orgs = await handle.db.selectFrom('organizations').select(['id', 'code', 'parent_id', 'path', 'depth']).execute()
    const byId = new Map(orgs.map((o) => [o.id, o]))
    for (const o of orgs) {
      const parent = o.parent_id === null ? null : byId.get(o.parent_id)!
      expect(o.path).toBe(`${parent?.path ?? '/'}${o.id}/`)
      expect(o.depth).toBe(parent ? parent.depth + 1 : 0)
    }
    expect(orgs.find((o) => o.code === 'external')).toMatchObject({ parent_id: null, depth: 0 })
  })

  it('gives a pending member a pending registration review submitted at appliedAt, and a returned one its history', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const registrations = await handle.db.selectFrom('profile_reviews').selectAll().where('kind', '=', 'registration').execute()
    const reviewOf = async (i: number) => {
      const id = await memberId(sampleIdCard(i))
      return registrations.find((r) => r.member_id === id)
    }
    expect(registrations.filter((r) => r.state === 'pending')).toHaveLength(1)
    expect(await reviewOf(0)).toMatchObject({ state: 'pending', submitted_at: '2026-11-18T08:00:00.000Z', decided_at: null })
    expect(await reviewOf(1)).toMatchObject({ state: 'returned', reason: '照片不清晰' })
    expect(await reviewOf(2)).toMatchObject({ state: 'withdrawn' })
  })

  it('shows a change request as before and after, and marks the member 修改资料待审核', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const id = await memberId(sampleIdCard(4))
    const review = await handle.db.selectFrom('profile_reviews').selectAll().where('member_id', '=', id).executeTakeFirstOrThrow()
    expect(review).toMatchObject({ kind: 'change', state: 'pending', submitted_at: '2026-11-19T08:00:00.000Z' })
    expect(JSON.parse(review.changes_json!)).toEqual([{ field: 'politicalOutlook', before: '共青团员', after: '中共预备党员' }])
    const m = await handle.db.selectFrom('members').select(['profile_status', 'political_outlook']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(m).toEqual({ profile_status: 'change_pending', political_outlook: '共青团员' })
  })

  it('records nodes 1–2 of a transfer imported at atStep 3 as agreed', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const t = await handle.db.selectFrom('transfers').selectAll().where('member_id', '=', await memberId(sampleIdCard(5))).executeTakeFirstOrThrow()
    expect(t).toMatchObject({ status: 'in_progress', current_seq: 3, waiting_since: '2026-11-17T08:00:00.000Z' })
    const steps = await handle.db.selectFrom('transfer_steps').select(['seq', 'state']).where('transfer_id', '=', t.id).orderBy('seq').execute()
    expect(steps).toEqual([
      { seq: 1, state: 'approved' },
      { seq: 2, state: 'approved' },
      { seq: 3, state: 'pending' },
      { seq: 4, state: 'waiting' },
    ])
  })

  it('sends an out-of-province transfer to the external organisation and lets a branch-initiated one wait for the member', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const external = await handle.db.selectFrom('organizations').select('id').where('code', '=', 'external').executeTakeFirstOrThrow()
    const out = await handle.db.selectFrom('transfers').selectAll().where('member_id', '=', await memberId(sampleIdCard(6))).executeTakeFirstOrThrow()
    expect(out).toMatchObject({ kind: 'out_of_province', to_org_id: external.id, current_seq: 1 })
    const byBranch = await handle.db.selectFrom('transfers').selectAll().where('member_id', '=', await memberId(sampleIdCard(9))).executeTakeFirstOrThrow()
    expect(byBranch).toMatchObject({ status: 'awaiting_member', current_seq: null, cause_note: '随家人搬迁到学校附近居住' })
  })

  it('stores ID numbers only encrypted, hashed and masked, and passwords only hashed', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const rows = await handle.db.selectFrom('members').selectAll().execute()
    const idCards = new Set(sampleFile().members!.map((m) => m.idCard))
    for (const row of rows) {
      for (const value of Object.values(row)) expect(idCards.has(String(value))).toBe(false)
      expect(idCards.has(crypto.decrypt(row.id_card_enc))).toBe(true)
      expect(row.id_card_masked).toMatch(/^4403\*{10}\d{3}[\dX]$/)
    }
    const admin = await handle.db.selectFrom('accounts').selectAll().where('kind', '=', 'admin').executeTakeFirstOrThrow()
    expect(admin.password_hash).not.toContain('demo1234')
    expect(await verifyPassword('demo1234', admin.password_hash!)).toBe(true)
  })

  it('adds a second file to a non-empty database, referring to its organisations and members', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const indexes = await indexesOf()
    const second: ImportFile = {
      organizations: [{ code: 'b-004', name: '软件工程2023级3班团支部', type: 'branch', parent: 'szu-cs' }],
      members: [{ ...sampleFile().members![10], idCard: sampleIdCard(100), org: 'b-004' }],
      changeRequests: [{ idCard: sampleIdCard(11), changes: { income: '2000-5000元' } }],
      transfers: [{ idCard: sampleIdCard(12), to: 'b-004', kind: 'in_province', cause: '升学/转学', studyWorkUnit: '深圳大学' }],
    }
    const outcome = await runImport(handle.db, crypto, second, { now: SAMPLE_NOW })
    expect(outcome.ok).toBe(true)
    const b4 = await handle.db.selectFrom('organizations').selectAll().where('code', '=', 'b-004').executeTakeFirstOrThrow()
    const parent = await handle.db.selectFrom('organizations').selectAll().where('code', '=', 'szu-cs').executeTakeFirstOrThrow()
    expect(b4.path).toBe(`${parent.path}${b4.id}/`)
    expect(await count('organizations')).toBe(11) // external is not created twice
    expect(await count('members')).toBe(61)
    expect(await count('transfers')).toBe(4)
    expect(await indexesOf()).toEqual(indexes)

    // The same transfer again: the member now has an open application in the database.
    const again = await runImport(handle.db, crypto, { transfers: second.transfers }, { now: SAMPLE_NOW })
    expect(again.ok ? [] : again.problems.map(formatProblem)).toEqual(['transfers[0].idCard: 团员已有正在办理的转接申请'])
  })

  it('refuses a DATA_KEY other than the one the database was written with', async () => {
    await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })
    const otherKey = createDataCrypto(randomBytes(32))
    await expect(runImport(handle.db, otherKey, { members: [] }, { now: SAMPLE_NOW })).rejects.toThrow('DATA_KEY 与数据库中已有数据所用的密钥不一致')
  })
})

describe('loading in bulk (issue #12)', () => {
  it('creates again every index of the tables it filled while empty, as the migrations made them', async () => {
    await migrateToLatest(handle.db, { schema })
    const migrated = await indexesOf()
    expect(migrated.map((i) => i.name)).toEqual(expect.arrayContaining(['members_org_name', 'profile_reviews_queue', 'transfers_todo', 'transfer_steps_done']))
    expect((await runImport(handle.db, crypto, sampleFile(), { now: SAMPLE_NOW })).ok).toBe(true)
    expect(await indexesOf()).toEqual(migrated)
  })

  it('writes every application, batch after batch, with the route and steps the live service gives it', { timeout: 120_000 }, async () => {
    const now = new Date('2026-11-20T02:00:00.000Z')
    // 300-odd applications of every shape (毕业 to a 团委, out of the province, waiting for the member, atStep 1–4): two batches.
    const file = generateDemoData({ members: 8000, now })
    expect(file.transfers!.length).toBeGreaterThan(250)
    expect((await runImport(handle.db, crypto, file, { now })).ok).toBe(true)

    // The same members and organisations in a second database, their applications made one by one through insertTransfer.
    const checked = validateImportFile(file, { existing: EMPTY_EXISTING, now })
    if (!checked.ok) throw new Error('the demo file should be valid')
    const live = await testDatabase()
    try {
      expect((await runImport(live.db, crypto, { ...file, transfers: [] }, { now })).ok).toBe(true)
      await live.db.transaction().execute(async (trx) => {
        for (const t of checked.file.transfers) {
          const m = await trx.selectFrom('members').selectAll().where('id_card_hash', '=', crypto.lookupHash(t.idCard)).executeTakeFirstOrThrow()
          const to = await trx.selectFrom('organizations').select(['id', 'code', 'name', 'type', 'parent_id', 'path']).where('code', '=', t.to).executeTakeFirstOrThrow()
          const from = (await orgsByIds(trx, [m.org_id])).get(m.org_id)!
          await insertTransfer(trx, {
            memberId: m.id, fromOrg: from, toOrg: to, kind: t.kind, cause: t.cause, causeNote: t.causeNote, studyWorkUnit: t.studyWorkUnit,
            initiator: t.initiator, initiatedBy: null, appliedAt: t.appliedAt, atStep: t.atStep ?? undefined,
          })
        }
      })
      const applications = await transfersByMember(handle.db)
      expect(applications.size).toBe(file.transfers!.length)
      expect(applications).toEqual(await transfersByMember(live.db))
      // And each organisation's 待审核 / 待分配 counts of its home page (transfer_queue_counts).
      expect(await queueCountsByOrg(handle.db)).toEqual(await queueCountsByOrg(live.db))
    } finally {
      await live.close()
    }
  })
})

/** Each member's applications with their steps, organisations named by code: comparable across two databases. */
async function transfersByMember(db: Kysely<Database>) {
  const code = new Map((await db.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.id, o.code]))
  const of = (id: number | null) => (id === null ? null : code.get(id))
  const rows = await db.selectFrom('transfers as t').innerJoin('members as m', 'm.id', 't.member_id').selectAll('t').select('m.id_card_hash').execute()
  const steps = await db.selectFrom('transfer_steps').selectAll().orderBy('transfer_id').orderBy('seq').execute()
  return new Map(
    rows.map(({ id, member_id: _member, id_card_hash, from_org_id, to_org_id, current_org_id, allocated_org_id, out_parent_org_id, in_parent_org_id, ...t }) => [
      id_card_hash,
      {
        ...t,
        from: of(from_org_id), to: of(to_org_id), current: of(current_org_id), allocated: of(allocated_org_id), outParent: of(out_parent_org_id), inParent: of(in_parent_org_id),
        steps: steps.filter((s) => s.transfer_id === id).map(({ id: _, transfer_id: __, org_id, ...s }) => ({ ...s, org: of(org_id) })),
      },
    ]),
  )
}

async function queueCountsByOrg(db: Kysely<Database>) {
  const rows = await db.selectFrom('transfer_queue_counts as q').innerJoin('organizations as o', 'o.id', 'q.org_id').select(['o.code', 'q.pending', 'q.allocate']).orderBy('o.code').execute()
  return rows.filter((r) => Number(r.pending) !== 0 || Number(r.allocate) !== 0)
}
