/**
 * The world of an API test: the fixture province (bff/test/fixtures.ts — organisations,
 * accounts at every level) with the app over it, fresh for every test, and short verbs for
 * what a test sets up, so that a test shows only what it checks:
 *
 *   const w = useWorld()
 *
 *   it('an operator sees the registrations of the own 团支部', async () => {
 *     const m = await w.member('a1')
 *     const op = await w.as('a1op')
 *     expect((await op.get(`/api/profile-reviews/${m.reviewId}`)).statusCode).toBe(200)
 *   })
 *
 * Everything goes through the real database and the real app (`inject`); sessions are made
 * by the session service, as a login makes them. What a test starts through the world (WeCom
 * as the simulator, background workers, a stand-in real-name service) is stopped after it.
 */
import { afterEach, beforeEach } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { AccountKind, Channel, OrgType } from '../../shared/organizations'
import type { ProfileField } from '../../shared/members'
import { insertOrganization, type OrgRow } from '../orgs/repository'
import { accountMobileColumns, insertAccount } from '../accounts/repository'
import { hashPassword } from '../security/password'
import { buildApp } from '../app'
import { createBackground, type BackgroundOptions } from '../background'
import { localProvider } from '../realname/local-provider'
import { httpProvider } from '../realname/http-provider'
import { startWecomSimulator, type WecomSimulator } from '../simulator'
import { wireWecom } from '../wecom/wiring'
import { loginAs, testContext, type TestClient, type TestContext } from './context'
import { addChangeRequest, addMember, addTransfer, registrationOf, seedProvince, type MemberSeed, type Province } from './fixtures'
import { startFakeRealname, type Scripted } from './fake-realname-server'

type AccountKey = keyof Province['accounts']
type OrgKey = keyof Province['orgs']
type Background = ReturnType<typeof createBackground>
type FakeRealname = Awaited<ReturnType<typeof startFakeRealname>>
type WecomWiring = ReturnType<typeof wireWecom>

export interface WorldOptions {
  /** Extra configuration (e.g. JOB_MAX_ATTEMPTS, REALNAME_RECHECK_DELAYS). */
  env?: Record<string, string>
  /**
   * WeCom as the local simulator (`w.sim`) with these members: the corp `wwtest`, whose app
   * 1000002 trusts the app's origin. The app signs JS-SDK pages and sends its messages there.
   */
  wecomUsers?: { userid: string; name: string }[]
  /** false: an empty database (a test that imports a province of its own); `orgs` and `accounts` are then empty. */
  province?: boolean
  /** Extra plugins at the root of the app, as bff/server.ts adds them (e.g. the password login). */
  extend?: (root: FastifyInstance, ctx: TestContext) => Promise<void> | void
}

/** The textcards WeCom delivered (docs/WECOM.md §7), oldest first. */
interface DeliveredCard {
  to: string[]
  card: { title: string; description: string; url: string }
}

export interface World extends Province {
  ctx: TestContext
  app: FastifyInstance
  /** The simulator, with `wecomUsers` only. */
  sim: WecomSimulator
  /** WeCom as the app uses it (client, message sender), with `wecomUsers` only. */
  wecom: WecomWiring
  /** A signed-in client of a fixture account (or any account id), on the phone unless told. */
  as(account: AccountKey | number, channel?: Channel): Promise<TestClient>
  /** A member of a fixture organisation; a pending registration (the default) gets its review. */
  member(org: OrgKey | OrgRow, seed?: MemberSeed): ReturnType<typeof addMember>
  /** A pending 修改资料 request of a member. */
  changeRequest(memberId: number, changes: Partial<Record<ProfileField, string>>): Promise<number>
  /** A 转接 application with its route, as insertTransfer writes one. */
  transfer(n: Parameters<typeof addTransfer>[1]): Promise<number>
  /** One more organisation below `parent`. */
  org(parent: OrgKey | OrgRow, o: { code: string; name: string; type: OrgType }): Promise<OrgRow>
  /** One more account of `org`; with `password`, it can log in on the PC. */
  account(org: OrgKey | OrgRow, a: { kind: AccountKind; name: string; wecomUserId?: string; mobile?: string; password?: string }): Promise<number>
  /** A call to the integration API (docs/CONTRACT.md), with its bearer token. */
  integration(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<LightMyRequestResponse>
  /** A registration to a1 through the integration API (its real-name check and notification queued); throws unless it is accepted. */
  register(name?: string): Promise<{ memberId: number }>
  /** The background work of one process: local real-name checks and the world's WeCom (or none) unless told. */
  background(opts?: Partial<BackgroundOptions>): Background
  /** A stand-in real-name service over HTTP answering `script` (bff/test/fake-realname-server.ts). */
  realnameService(script: Scripted[]): Promise<FakeRealname>
  /** The background work checking real names with a stand-in service that answers `script`. */
  backgroundCheckingWith(script: Scripted[]): Promise<{ bg: Background; service: FakeRealname }>
  /** WeCom wired again, as a restarted process wires it (a new client: no token cached). */
  rewireWecom(): WecomWiring
  /** The textcards the simulator delivered. */
  cards(): DeliveredCard[]
}

const WECOM = { corpId: 'wwtest', agentId: '1000002', secret: 's3cret' }

/** Registers the hooks that build a fresh world before each test and close it after. */
export function useWorld(opts: WorldOptions = {}): World {
  let cleanups: (() => Promise<void>)[] = []
  const later = <T>(thing: T, close: (t: T) => Promise<void>): T => {
    cleanups.push(() => close(thing))
    return thing
  }
  const orgOf = (org: OrgKey | OrgRow) => (typeof org === 'string' ? w.orgs[org] : org)
  const wecomConfig = () => ({ ...WECOM, apiBase: w.sim.url, oauthBase: w.sim.url, loginBase: w.sim.url })
  const quiet = { warn: () => {}, error: () => {} }

  const w = {
    as: (account: AccountKey | number, channel?: Channel) => loginAs(w.app, w.ctx, typeof account === 'number' ? account : w.accounts[account], channel),
    member: (org: OrgKey | OrgRow, seed?: MemberSeed) => addMember(w.ctx, orgOf(org), seed),
    changeRequest: (memberId: number, changes: Partial<Record<ProfileField, string>>) => addChangeRequest(w.ctx, memberId, changes),
    transfer: (n: Parameters<typeof addTransfer>[1]) => addTransfer(w.ctx, n),
    org: (parent: OrgKey | OrgRow, o: { code: string; name: string; type: OrgType }) =>
      insertOrganization(w.ctx.db, { ...o, parent: orgOf(parent), createdAt: w.ctx.clock.now().toISOString() }),
    account: async (org: OrgKey | OrgRow, a: { kind: AccountKind; name: string; wecomUserId?: string; mobile?: string; password?: string }) =>
      insertAccount(w.ctx.db, {
        org_id: orgOf(org).id, kind: a.kind, name: a.name, ...accountMobileColumns(w.ctx.crypto, a.mobile ?? null), wecom_user_id: a.wecomUserId ?? null,
        password_hash: a.password ? await hashPassword(a.password) : null, created_at: w.ctx.clock.now().toISOString(),
      }),
    integration: (method: 'GET' | 'POST', path: string, payload?: unknown) =>
      w.app.inject({ method, url: `/integration/v1${path}`, headers: { authorization: `Bearer ${w.ctx.config.integrationToken}` }, payload: payload as string }),
    register: async (name = '钱多多') => {
      const res = await w.integration('POST', '/registrations', registrationOf(name))
      if (res.statusCode !== 201) throw new Error(`registration of ${name} refused: ${res.statusCode} ${res.body}`)
      return { memberId: (res.json() as { memberId: number }).memberId }
    },
    background: (o: Partial<BackgroundOptions> = {}) =>
      later(createBackground(w.ctx, { provider: localProvider(w.ctx.clock), sender: opts.wecomUsers ? w.wecom.sender : null, notifyWindowMs: 3 * 60_000, ...o }), (bg) => bg.stop()),
    realnameService: async (script: Scripted[]) => later(await startFakeRealname(script), (s) => s.close()),
    backgroundCheckingWith: async (script: Scripted[]) => {
      const service = await w.realnameService(script)
      return { bg: w.background({ provider: httpProvider(service.url, 2000) }), service }
    },
    rewireWecom: () => wireWecom(w.ctx, wecomConfig(), quiet),
    cards: () => w.sim.control.messages().map((m) => ({ to: m.delivered, card: m.payload.textcard as DeliveredCard['card'] })),
  } as World

  beforeEach(async () => {
    cleanups = []
    const ctx = later(await testContext(opts.env), (c) => c.close())
    Object.assign(w, { ctx })
    let wecom: WecomWiring | undefined
    if (opts.wecomUsers) {
      const sim = later(
        await startWecomSimulator({ corpId: WECOM.corpId, agents: [{ agentId: Number(WECOM.agentId), secret: WECOM.secret, trustedDomains: [new URL(ctx.config.publicBaseUrl).host] }], users: opts.wecomUsers }),
        (s) => s.close(),
      )
      Object.assign(w, { sim })
      wecom = wireWecom(ctx, wecomConfig(), quiet)
    }
    const app = later(
      await buildApp({
        ctx,
        wecomPublic: wecom ? { corpId: WECOM.corpId, agentId: WECOM.agentId } : null,
        apiExtend: wecom && (async (api) => void (await api.register(wecom.apiRoutes))),
        extend: opts.extend && ((root) => opts.extend!(root, ctx)),
      }),
      (a) => a.close(),
    )
    await app.ready()
    const p = opts.province === false ? { orgs: {}, accounts: {} } : await seedProvince(ctx)
    Object.assign(w, { app, wecom, orgs: p.orgs, accounts: p.accounts })
  })
  afterEach(async () => {
    // Last started, first stopped: workers before the app, the app before its database.
    for (const close of cleanups.reverse()) await close()
  })
  return w
}
