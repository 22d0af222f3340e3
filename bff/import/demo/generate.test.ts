import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { openDatabase, type DbHandle } from '../../db/dialect'
import { createDataCrypto } from '../../security/data-crypto'
import { PROFILE_STATUSES, REALNAME_STATUSES } from '../../../shared/reviews'
import { idCardProblem } from '../../../shared/idcard'
import { TRANSFER_OVERDUE_HOURS } from '../../../shared/limits'
import { validateImportFile } from '../validate'
import { formatProblem } from '../problems'
import { runImport } from '../run'
import { generateDemoData } from './generate'
import { demoAccountsOf, DEMO_PASSWORD } from './accounts'

const now = new Date('2026-11-20T02:00:00.000Z')
const file = generateDemoData({ now })
const HOUR = 3_600_000

describe('generateDemoData', () => {
  it('gives the same file for the same seed and time, and another for another seed', () => {
    expect(generateDemoData({ now })).toEqual(file)
    expect(generateDemoData({ now, seed: 7 }).members).not.toEqual(file.members)
  })

  it('spreads its times over days and minutes, not all on one minute of the hour (issue #14)', () => {
    const times = [...(file.members ?? []).map((m) => m.appliedAt), ...(file.transfers ?? []).map((t) => t.appliedAt)].filter((t): t is string => !!t)
    expect(new Set(times.map((t) => t.slice(14, 16))).size).toBeGreaterThan(30)
    expect(new Set(times.map((t) => t.slice(0, 10))).size).toBeGreaterThan(7)
    for (const m of file.members ?? []) if (m.appliedAt && m.reviewedAt) expect(m.reviewedAt >= m.appliedAt).toBe(true)
  })

  it('passes the import validation', () => {
    const v = validateImportFile(file, { now })
    expect(v.ok ? [] : v.problems.map(formatProblem)).toEqual([])
  })

  it('builds a slice of Guangdong with every organisation type and about 40 branches of 3–50 members', () => {
    const types = new Set(file.organizations!.map((o) => o.type))
    expect([...types].sort()).toEqual(['branch', 'committee', 'general_branch', 'leading', 'working_committee'])
    expect(file.organizations!.filter((o) => o.parent === null)).toEqual([{ code: 'gd', name: '共青团广东省委', type: 'leading', parent: null }])
    const branches = file.organizations!.filter((o) => o.type === 'branch')
    expect(branches.length).toBeGreaterThanOrEqual(40)
    for (const b of branches) {
      const size = file.members!.filter((m) => m.org === b.code).length
      expect(size).toBeGreaterThanOrEqual(3)
      expect(size).toBeLessThanOrEqual(50)
    }
  })

  it('has valid Guangdong-heavy resident ID numbers and every profile and real-name status', () => {
    const members = file.members!
    expect(members.length).toBeGreaterThanOrEqual(300)
    for (const m of members) expect(idCardProblem(m.idCard, now)).toBeNull()
    expect(members.filter((m) => m.idCard.startsWith('44')).length / members.length).toBeGreaterThan(0.8)
    expect(new Set(members.map((m) => m.status))).toEqual(new Set(Object.keys(PROFILE_STATUSES)))
    expect(new Set(members.map((m) => m.realNameStatus))).toEqual(new Set(Object.keys(REALNAME_STATUSES)))
  })

  it('has failed real-name checks both inside the 24-hour re-check window and past it', () => {
    const failedPending = file.members!.filter((m) => m.status === 'registration_pending' && m.realNameStatus === 'failed')
    const age = (m: (typeof failedPending)[number]) => now.getTime() - Date.parse(m.appliedAt!)
    expect(failedPending.some((m) => age(m) < 24 * HOUR)).toBe(true)
    expect(failedPending.some((m) => age(m) > 24 * HOUR)).toBe(true)
  })

  it('has a change request for every member whose change is pending', () => {
    const pending = file.members!.filter((m) => m.status === 'change_pending').map((m) => m.idCard)
    expect(file.changeRequests!.map((c) => c.idCard).sort()).toEqual(pending.sort())
  })

  it('has transfers in and out of the province, branch-initiated, and overdue', () => {
    const t = file.transfers!
    expect(t.some((x) => x.kind === 'out_of_province' && x.to === 'external')).toBe(true)
    expect(t.some((x) => x.initiator === 'branch')).toBe(true)
    expect(t.some((x) => x.cause === '其他原因' && [...(x.causeNote ?? '')].length >= 10)).toBe(true)
    expect(t.some((x) => now.getTime() - Date.parse(x.appliedAt!) > TRANSFER_OVERDUE_HOURS * HOUR)).toBe(true)
  })

  it('gives admins, operators with lowercase WeCom userids and mobiles, and one viewer', () => {
    const accounts = demoAccountsOf(file)
    expect(accounts.filter((a) => a.kind === 'viewer')).toHaveLength(1)
    for (const a of accounts.filter((x) => x.kind === 'operator')) {
      expect(a.wecomUserId).toMatch(/^[a-z]+$/)
      expect(a.mobile).toMatch(/^1[3-9]\d{9}$/)
    }
    for (const a of accounts.filter((x) => x.kind === 'admin')) expect(a.password).toBe(DEMO_PASSWORD)
    const kindsOf = (code: string) => new Set(accounts.filter((a) => a.orgCode === code).map((a) => a.kind))
    expect(kindsOf('gd')).toEqual(new Set(['admin', 'operator']))
    expect(accounts.find((a) => a.wecomUserId === 'zhangwei')).toMatchObject({ orgCode: 'b-001', orgName: '深圳大学软件工程2026级1班团支部' })
  })

  it('shows the graduation season: a senior class with 预计毕业时间, accounts for it and for two receiving 街道团工委 (issue #14)', () => {
    const cls = file.members!.filter((m) => m.org === 'szu-grad-1')
    expect(cls.length).toBeGreaterThanOrEqual(20)
    expect(new Set(cls.map((m) => m.expectedGraduation))).toEqual(new Set(['2027-06']))
    expect(file.organizations!.find((o) => o.code === 'szu-grad-1')).toMatchObject({ name: '深圳大学数据科学与大数据技术2023级1班团支部', parent: 'szu-cs' })
    // Every university class knows when it graduates: 2026级 → 2030-06.
    expect(file.members!.find((m) => m.org === 'b-001')!.expectedGraduation).toBe('2030-06')
    const graduates = file.transfers!.filter((t) => t.cause === '毕业')
    expect(new Set(graduates.map((t) => t.to))).toEqual(new Set(['sz-ns-yh', 'sz-ft-hqb']))
    const days = new Set(graduates.map((t) => t.appliedAt!.slice(0, 10)))
    expect(days.size).toBeGreaterThan(4)
    const accounts = demoAccountsOf(file)
    expect(accounts.find((a) => a.wecomUserId === 'hejun')).toMatchObject({ orgCode: 'szu-grad-1', kind: 'operator' })
    expect(accounts.find((a) => a.wecomUserId === 'linxiaoyan')).toMatchObject({ orgCode: 'sz-ft-hqb', kind: 'operator' })
    expect(accounts.find((a) => a.wecomUserId === 'xujie')).toMatchObject({ orgCode: 'sz-ns-yh', kind: 'operator' })
  })
})

describe('the demo data loaded', () => {
  let handle: DbHandle
  beforeAll(async () => {
    handle = await openDatabase('sqlite::memory:')
    const outcome = await runImport(handle.db, createDataCrypto(randomBytes(32)), file, { now })
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
  }, 60_000)
  afterAll(() => handle.close())

  it('has transfers waiting at every node, one waiting for the member, and a skipped node 2', async () => {
    const transfers = await handle.db.selectFrom('transfers').select(['status', 'current_seq']).execute()
    expect(new Set(transfers.filter((t) => t.status === 'in_progress').map((t) => t.current_seq))).toEqual(new Set([1, 2, 3, 4]))
    expect(transfers.some((t) => t.status === 'awaiting_member')).toBe(true)
    expect(await handle.db.selectFrom('transfer_steps').select('id').where('state', '=', 'skipped').executeTakeFirst()).toBeDefined()
  })

  it('gives the demo operator of b-001 registrations, changes and transfers to decide', async () => {
    const b1 = await handle.db.selectFrom('organizations').select('id').where('code', '=', 'b-001').executeTakeFirstOrThrow()
    const reviews = await handle.db.selectFrom('profile_reviews').select(['kind']).where('org_id', '=', b1.id).where('state', '=', 'pending').execute()
    expect(new Set(reviews.map((r) => r.kind))).toEqual(new Set(['registration', 'change']))
    const todo = await handle.db.selectFrom('transfers').select('current_seq').where('current_org_id', '=', b1.id).execute()
    expect(new Set(todo.map((t) => t.current_seq))).toEqual(new Set([1, 3]))
  })

  it('gives the demo 团总支 transfers at nodes 2 and 4', async () => {
    const org = await handle.db.selectFrom('organizations').select('id').where('code', '=', 'szu-cs').executeTakeFirstOrThrow()
    const todo = await handle.db.selectFrom('transfers').select('current_seq').where('current_org_id', '=', org.id).execute()
    expect(new Set(todo.map((t) => t.current_seq))).toEqual(new Set([2, 4]))
  })

  it('gives each receiving 街道团工委 graduates at 待分配, some past 48 hours, and more at 转入团委', async () => {
    for (const code of ['sz-ns-yh', 'sz-ft-hqb']) {
      const org = await handle.db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()
      const steps = await handle.db.selectFrom('transfer_steps').select(['role', 'waiting_since']).where('org_id', '=', org.id).where('state', '=', 'pending').execute()
      expect([...new Set(steps.map((s) => s.role))]).toEqual(expect.arrayContaining(['in_committee', 'allocate']))
      expect(steps.some((s) => s.role === 'allocate' && now.getTime() - Date.parse(s.waiting_since!) > TRANSFER_OVERDUE_HOURS * HOUR)).toBe(true)
    }
  })
})
