/**
 * Two real app processes on one database (issue #10 "Tests"): the same server `npm start`
 * runs, with a counting fake real-name provider over HTTP (one server per process, one shared
 * log, so the scripts count over both) and the WeCom simulator. 50 registrations → exactly
 * one answered provider call per first check and per due re-check, every operator's messages
 * delivered once; and with one process killed (SIGKILL) in the middle of its batch, the
 * other finishes the work with nothing lost and nothing doubled.
 *
 * Always on one SQLite file; on PostgreSQL too when TEST_DATABASE_URL is set (a schema of
 * its own in the run's database, bff/test/context.ts). Time is the processes' manual clocks,
 * moved by the test only when no work is in flight, so a lease never lapses by accident.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDatabase, type DbHandle } from '../db/dialect'
import { migrateToLatest } from '../db/migrations'
import { manualClock } from '../clock'
import { loadConfig } from '../config'
import { createDataCrypto } from '../security/data-crypto'
import type { AppContext } from '../context'
import { testDatabase } from './context'
import { seedProvince, makeIdCard } from './fixtures'
import { startFakeRealname, type ProviderCall, type Scripted } from './fake-realname-server'
import { startWecomSimulator, type WecomSimulator } from '../simulator'
import { startAppProcess, type AppProcess } from './app-processes'

const T0 = '2026-11-20T02:00:00.000Z'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const ORGS = ['a1', 'a2', 'b1'] as const
/** The operators with WeCom of each 团支部 the registrations go to (seedProvince's a1op, a2op, b1op). */
const OPERATORS = { a1: 'zhangwei', a2: 'lina', b1: 'liuyang' } as const
const WINDOW_MS = 3 * MINUTE // bff/background.ts: one message per organisation per 3 minutes

/** Who answers what: 40 match at once; 5 match at the 1 h re-check; 5 never (1 h, 6 h, 23 h re-checks). */
function scriptOf(i: number): Scripted[] {
  if (i % 10 === 0) return ['mismatch']
  if (i % 10 === 5) return ['mismatch', 'match']
  return ['match']
}
const expectedCalls = (i: number) => (i % 10 === 0 ? 4 : i % 10 === 5 ? 2 : 1)

interface Target {
  label: string
  open(): Promise<DbHandle & { url: string; schema?: string }>
}
const sqliteFile: Target = {
  label: 'one SQLite file',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'two-processes-'))
    const url = `sqlite:${join(dir, 'app.db')}`
    const handle = await openDatabase(url)
    return { ...handle, url, close: async () => (await handle.close(), rmSync(dir, { recursive: true, force: true })) }
  },
}
const postgres: Target = { label: 'one PostgreSQL database', open: testDatabase }
const targets = process.env.TEST_DATABASE_URL ? [sqliteFile, postgres] : [sqliteFile]

describe.each(targets)('two app processes on $label', { timeout: 240_000 }, (target) => {
  let db: DbHandle & { url: string; schema?: string }
  let sim: WecomSimulator
  const calls: ProviderCall[] = []
  const providers: Awaited<ReturnType<typeof startFakeRealname>>[] = []
  const processes: AppProcess[] = []
  const cards: Record<string, Scripted[]> = {}
  const people: { idCard: string; org: (typeof ORGS)[number]; i: number }[] = []
  let now = new Date(T0).getTime()
  let env: Record<string, string>

  beforeEach(async () => {
    db = await target.open()
    await migrateToLatest(db.db, { schema: db.schema })
    const dataKey = randomBytes(32).toString('base64')
    sim = await startWecomSimulator({
      corpId: 'wwtest',
      agents: [{ agentId: 1000002, secret: 's3cret', trustedDomains: ['app.test:3000'] }],
      users: Object.values(OPERATORS).map((userid) => ({ userid, name: userid })),
    })
    env = {
      DATABASE_URL: db.url, TEST_CLOCK_START: T0, DATA_KEY: dataKey,
      SESSION_SECRET: randomBytes(32).toString('base64url'), INTEGRATION_TOKEN: 'integration-token-of-the-two-process-test',
      PUBLIC_BASE_URL: 'http://app.test:3000', WECOM_CORP_ID: 'wwtest', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's3cret',
      WECOM_API_BASE: sim.url, WECOM_OAUTH_BASE: sim.url, WECOM_LOGIN_BASE: sim.url, REALNAME_PROVIDER: 'http',
    }
    const ctx: AppContext = {
      db: db.db, dialect: db.dialect, clock: manualClock(T0), crypto: createDataCrypto(Buffer.from(dataKey, 'base64')),
      config: loadConfig({ ...env, REALNAME_HTTP_URL: 'http://127.0.0.1:1/unused' }),
    }
    const p = await seedProvince(ctx)
    await ctx.db.updateTable('accounts').set({ wecom_user_id: OPERATORS.a2 }).where('id', '=', p.accounts.a2op).execute()
    await ctx.db.updateTable('accounts').set({ wecom_user_id: OPERATORS.b1 }).where('id', '=', p.accounts.b1op).execute()
    for (let i = 0; i < 50; i++) {
      const idCard = makeIdCard('20030710')
      cards[idCard] = scriptOf(i)
      people.push({ idCard, org: ORGS[i % 3], i })
    }
  })

  afterEach(async () => {
    for (const proc of processes) await proc.stop()
    for (const provider of providers) await provider.close()
    await sim.close()
    await db.close()
    calls.length = 0
    providers.length = 0
    processes.length = 0
    people.length = 0
    now = new Date(T0).getTime()
  })

  /** A process with a provider of its own (`hold`: it never answers, the process hangs in its call). */
  async function start(name: string, opts: { hold?: boolean } = {}) {
    const provider = await startFakeRealname(['match'], cards, { calls, hold: opts.hold })
    providers.push(provider)
    const proc = await startAppProcess(name, { ...env, REALNAME_HTTP_URL: provider.url, TEST_CLOCK_START: new Date(now).toISOString() })
    processes.push(proc)
    return { proc, provider }
  }

  async function register(proc: AppProcess, person: (typeof people)[number]) {
    const res = await fetch(`${proc.url}/integration/v1/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.INTEGRATION_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        org: person.org, name: `团员${'甲乙丙丁戊己庚辛壬癸'[person.i % 10]}${'子丑寅卯辰'[Math.floor(person.i / 10)]}`, idCard: person.idCard, mobile: '13600001234', nation: '汉族',
        education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2018-05',
      }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
  }

  /** Ten at a time, spread over `procs`. */
  async function registerAll(procs: AppProcess[]) {
    for (let i = 0; i < people.length; i += 10) {
      await Promise.all(people.slice(i, i + 10).map((person, k) => register(procs[(i + k) % procs.length], person)))
    }
  }

  /** The work any process could still do at the test's time: due jobs, groupable events, unsent messages. */
  async function workLeft(): Promise<string[]> {
    const at = new Date(now).toISOString()
    const jobs = await db.db.selectFrom('jobs').select(['id', 'kind']).where('done_at', 'is', null).where('failed_at', 'is', null).where('run_at', '<=', at).execute()
    const pending = await db.db.selectFrom('notification_deliveries').select('id').where('state', '=', 'pending').execute()
    const ungrouped = await db.db.selectFrom('notification_events').select('org_id').distinct().where('delivery_id', 'is', null).execute()
    const recent = await db.db.selectFrom('notification_deliveries').select('org_id').where('created_at', '>', new Date(now - WINDOW_MS).toISOString()).where('state', '!=', 'skipped').execute()
    const waiting = ungrouped.filter((e) => !recent.some((d) => d.org_id === e.org_id))
    return [...jobs.map((j) => `job ${j.id} ${j.kind}`), ...pending.map((d) => `delivery ${d.id}`), ...waiting.map((e) => `events of org ${e.org_id}`)]
  }

  /** Waits until nothing is left to do at the test's time (a condition, never a duration). */
  async function settle(alive: AppProcess[]) {
    for (let polls = 0; ; polls++) {
      const left = await workLeft()
      if (left.length === 0) return
      if (polls > 1200) throw new Error(`work left after 2 minutes: ${left.join(', ')}\n${alive.map((p) => p.output()).join('\n')}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** Moves every live process's clock, only when no work is in flight. */
  async function advance(alive: AppProcess[], ms: number) {
    now += ms
    for (const proc of alive) await proc.advance(ms)
    await settle(alive)
  }

  /** Through the 24 hours of re-checks (REALNAME_RECHECK_DELAYS 1h,6h,23h), and one more hour. */
  async function runTheDay(alive: AppProcess[]) {
    await advance(alive, 4 * MINUTE) // the messages of events that waited for the window
    await advance(alive, HOUR)
    await advance(alive, 5 * HOUR)
    await advance(alive, 17 * HOUR)
    await advance(alive, 2 * HOUR)
  }

  async function expectEverythingOnce() {
    // Real-name: one answered call per check, exactly as scripted — none lost, none doubled.
    for (const person of people) {
      expect(calls.filter((c) => c.idCard === person.idCard).length, `calls for member ${person.i}`).toBe(expectedCalls(person.i))
    }
    expect(calls).toHaveLength(70)
    const statuses = await db.db.selectFrom('members').select('realname_status').execute()
    expect(statuses.filter((m) => m.realname_status === 'passed')).toHaveLength(45)
    expect(statuses.filter((m) => m.realname_status === 'failed')).toHaveLength(5)
    const dead = await db.db.selectFrom('jobs').select('id').where('failed_at', 'is not', null).execute()
    expect(dead).toEqual([])
    // Messages: every delivery sent once, and each operator told about each registration once.
    const deliveries = await db.db.selectFrom('notification_deliveries').select(['state']).execute()
    expect(deliveries.every((d) => d.state === 'sent')).toBe(true)
    const messages = sim.control.messages()
    expect(messages).toHaveLength(deliveries.length)
    for (const org of ORGS) {
      const told = messages
        .filter((m) => m.delivered.includes(OPERATORS[org]))
        .map((m) => Number(/您有(\d+)条/.exec((m.payload.textcard as { title: string }).title)?.[1]))
      expect(told.reduce((a, b) => a + b, 0), `registrations ${OPERATORS[org]} was told about`).toBe(people.filter((p) => p.org === org).length)
    }
  }

  it('50 registrations through both: each check and re-check made once, each message sent once', async () => {
    const [a, b] = await Promise.all([start('A'), start('B')])
    await registerAll([a.proc, b.proc])
    await settle([a.proc, b.proc])
    await runTheDay([a.proc, b.proc])
    await expectEverythingOnce()
  })

  it('one process killed in the middle of its batch: the other finishes, nothing lost, nothing doubled', async () => {
    // A's provider never answers: A claims the first checks and hangs in the first call.
    const a = await start('A', { hold: true })
    await registerAll([a.proc])
    for (let polls = 0; a.provider.held.length === 0; polls++) {
      if (polls > 600) throw new Error(`A never called its provider\n${a.proc.output()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    const claimedByA = await db.db.selectFrom('jobs').select('id').where('locked_until', 'is not', null).where('done_at', 'is', null).execute()
    expect(claimedByA.length).toBeGreaterThan(0)
    await a.proc.kill()
    const b = await start('B')
    // A's leases (60 s) lapse on B's clock; B takes A's jobs and everything else.
    await runTheDay([b.proc])
    await expectEverythingOnce()
    // The calls A was making when it died were never answered (usually one; on a busy machine a
    // timed-out first call may already have been followed by a second), and B made each again.
    expect(a.provider.held.length).toBeGreaterThan(0)
    for (const held of a.provider.held) {
      expect(calls.filter((c) => c.idCard === held.idCard).length).toBe(expectedCalls(people.find((p) => p.idCard === held.idCard)!.i))
    }
  })
})
