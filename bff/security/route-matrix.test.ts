/**
 * Every route × every kind of caller (issue #11 "route × role matrix"; docs/DOMAIN.md §1 on
 * scope): the answer each one gets, and that nothing of a 团支部 reaches anybody outside its
 * line — a sibling branch's operator never sees the member's name, nobody but the
 * 显示完整号码 answer carries the full ID number. A route the table does not name fails the
 * last test, so a new route cannot ship without deciding who may use it.
 *
 * Callers, in the order they ask (the one expected to succeed at changing something last):
 *   anonymous · sibling (operator of a2, beside a1) · viewer of a1 · admin of the parent
 *   团委 (szu) · root admin (gd) · operator of a1 (the member's own branch).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { loginAs, type TestContext, type TestClient } from '../test/context'
import { provinceApp, addMember, addTransfer, type Province } from '../test/fixtures'
import { insertOfflineVerification } from '../reviews/repository'

const ROLES = ['anonymous', 'sibling', 'viewer', 'parentAdmin', 'rootAdmin', 'operator'] as const
type Role = (typeof ROLES)[number]

/** What the table rows work on: one member of a1 with its open registration, one with an open transfer, a photo. */
interface World {
  memberId: number
  idCard: string
  reviewId: number
  transferId: number
  branchTransferId: number
  photoId: number
  p: Province
}

/** A unique name: if it shows up in an answer to the sibling, scope leaked. */
const SECRET_NAME = '矩阵测试员'

interface Row {
  method: 'GET' | 'POST' | 'PUT'
  /** The route as Fastify names it (checked against the app's own route list). */
  route: string
  url: (w: World) => string
  body?: (w: World) => unknown
  expect: Record<Role, number>
  /** For batch routes that answer 200 with per-item results: who actually got something done. */
  itemsOk?: Partial<Record<Role, boolean>>
}

const all = (status: number, overrides: Partial<Record<Role, number>> = {}): Record<Role, number> => ({
  anonymous: 401, sibling: status, viewer: status, parentAdmin: status, rootAdmin: status, operator: status, ...overrides,
})
/** Decisions of the branch: only its deciding operator; the parent sees but may not decide. */
const branchDecision = (ok = 200) => all(0, { sibling: 404, viewer: 403, parentAdmin: 422, rootAdmin: 422, operator: ok })
const adminOnly = (ok = 200) => all(403, { parentAdmin: ok, rootAdmin: ok })
const rootOnly = (ok = 200) => all(403, { rootAdmin: ok })

const TABLE: Row[] = [
  { method: 'GET', route: '/api/me', url: () => '/api/me', expect: all(200) },
  { method: 'GET', route: '/api/dashboard', url: () => '/api/dashboard', expect: all(200) },
  { method: 'PUT', route: '/api/me/notifications', url: () => '/api/me/notifications', body: () => ({ enabled: false }), expect: all(200) },
  { method: 'POST', route: '/api/me/password', url: () => '/api/me/password', body: () => ({ currentPassword: 'not-the-password', newPassword: 'new-password-1' }), expect: all(400) },
  { method: 'GET', route: '/api/profile-reviews', url: () => '/api/profile-reviews', expect: all(200) },
  { method: 'GET', route: '/api/profile-reviews/:id', url: (w) => `/api/profile-reviews/${w.reviewId}`, expect: all(200, { sibling: 404 }) },
  {
    method: 'POST', route: '/api/profile-reviews/:id/decision', url: (w) => `/api/profile-reviews/${w.reviewId}/decision`,
    body: () => ({ decision: 'approve', version: 0 }), expect: branchDecision(),
  },
  {
    // JSON instead of photos: refused for what it is only once the caller may upload at all.
    method: 'POST', route: '/api/profile-reviews/:id/offline-verification', url: (w) => `/api/profile-reviews/${w.reviewId}/offline-verification`,
    body: () => ({ reason: '线下核验' }), expect: branchDecision(400),
  },
  { method: 'GET', route: '/api/offline-photos/:id', url: (w) => `/api/offline-photos/${w.photoId}`, expect: all(404, { operator: 200 }) },
  { method: 'GET', route: '/api/members', url: () => '/api/members', expect: all(200) },
  { method: 'GET', route: '/api/members/:id', url: (w) => `/api/members/${w.memberId}`, expect: all(200, { sibling: 404 }) },
  {
    method: 'POST', route: '/api/members/:id/reveal-id-card', url: (w) => `/api/members/${w.memberId}/reveal-id-card`,
    expect: all(403, { anonymous: 401, sibling: 404, operator: 200 }),
  },
  {
    method: 'PUT', route: '/api/members/:id/expected-graduation', url: (w) => `/api/members/${w.memberId}/expected-graduation`,
    body: () => ({ expectedGraduation: '2027-06' }), expect: all(403, { anonymous: 401, sibling: 404, operator: 200 }),
  },
  { method: 'GET', route: '/api/orgs/search', url: () => `/api/orgs/search?q=${encodeURIComponent('计算机')}`, expect: all(200) },
  { method: 'GET', route: '/api/transfers', url: () => '/api/transfers?box=todo', expect: all(200) },
  { method: 'GET', route: '/api/transfers/:id', url: (w) => `/api/transfers/${w.transferId}`, expect: all(200, { sibling: 404 }) },
  {
    method: 'POST', route: '/api/transfers/:id/decision', url: (w) => `/api/transfers/${w.transferId}/decision`,
    body: () => ({ decision: 'approve', version: 0 }), expect: branchDecision(),
  },
  {
    method: 'POST', route: '/api/transfers/decisions', url: () => '/api/transfers/decisions',
    body: (w) => ({ items: [{ id: w.transferId, version: 0 }], decision: 'approve' }),
    expect: all(200), itemsOk: { sibling: false, viewer: false, parentAdmin: false, rootAdmin: false, operator: true },
  },
  {
    method: 'POST', route: '/api/transfers', url: () => '/api/transfers',
    body: (w) => ({ memberId: w.memberId, to: w.p.orgs.b1.code, kind: 'in_province', cause: '升学/转学', studyWorkUnit: '中山大学' }),
    expect: all(403, { anonymous: 401, sibling: 404, viewer: 403, operator: 200 }),
  },
  {
    method: 'POST', route: '/api/transfers/batch', url: () => '/api/transfers/batch',
    body: (w) => ({ memberIds: [w.memberId], targetOrgId: w.p.orgs.b1.id, cause: '毕业' }),
    expect: all(403, { anonymous: 401, sibling: 200, operator: 200 }), itemsOk: { sibling: false, operator: true },
  },
  {
    method: 'POST', route: '/api/transfers/:id/withdraw', url: (w) => `/api/transfers/${w.branchTransferId}/withdraw`,
    body: () => ({ reason: '发起有误', version: 0 }), expect: all(404, { operator: 200 }),
  },
  {
    // Nothing waits for 分配 in this world: the point is that nobody reaches what is not theirs.
    // A target outside the caller's subtree is refused first (422); a 团委 without that
    // application at its 待分配 node is told it is not there (404).
    method: 'POST', route: '/api/transfers/:id/allocation', url: (w) => `/api/transfers/${w.transferId}/allocation`,
    body: (w) => ({ branchOrgId: w.p.orgs.a2.id, version: 0 }), expect: all(422, { parentAdmin: 404, rootAdmin: 404 }),
  },
  {
    method: 'POST', route: '/api/transfers/allocations', url: () => '/api/transfers/allocations',
    body: (w) => ({ items: [{ id: w.transferId, version: 0 }], branchOrgId: w.p.orgs.a2.id }),
    expect: all(422, { parentAdmin: 200, rootAdmin: 200 }), itemsOk: { parentAdmin: false, rootAdmin: false },
  },
  { method: 'GET', route: '/api/audit-log', url: () => '/api/audit-log', expect: adminOnly() },
  { method: 'GET', route: '/api/accounts', url: () => '/api/accounts', expect: adminOnly() },
  {
    method: 'POST', route: '/api/accounts', url: () => '/api/accounts',
    body: () => ({ name: '新运营者', kind: 'operator', mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }), expect: adminOnly(),
  },
  {
    method: 'PUT', route: '/api/accounts/:id', url: (w) => `/api/accounts/${w.p.accounts.a1viewer}`, body: () => ({ active: true }),
    expect: adminOnly(404),
  },
  { method: 'POST', route: '/api/accounts/:id/reset-password', url: (w) => `/api/accounts/${w.p.accounts.a1viewer}/reset-password`, expect: adminOnly(404) },
  { method: 'GET', route: '/api/background', url: () => '/api/background', expect: rootOnly() },
  { method: 'POST', route: '/api/background/jobs/:id/retry', url: () => '/api/background/jobs/999999/retry', expect: rootOnly(404) },
  { method: 'GET', route: '/api/backlog', url: () => '/api/backlog', expect: all(200) },
  { method: 'GET', route: '/api/backlog/weekly', url: () => '/api/backlog/weekly', expect: all(200) },
  { method: 'GET', route: '/api/backlog/:orgId/items', url: (w) => `/api/backlog/${w.p.orgs.a1.id}/items?kind=profile`, expect: all(404, { parentAdmin: 200, rootAdmin: 200 }) },
  {
    // Once a day per organisation, whoever asks: the root admin, after the 团委, is told so (429).
    method: 'POST', route: '/api/backlog/:orgId/remind', url: (w) => `/api/backlog/${w.p.orgs.a1.id}/remind`,
    expect: all(404, { viewer: 403, parentAdmin: 200, rootAdmin: 429 }),
  },
  { method: 'GET', route: '/api/return-reasons', url: () => '/api/return-reasons?kind=profile', expect: all(200) },
  { method: 'PUT', route: '/api/return-reasons/presets', url: () => '/api/return-reasons/presets', body: () => ({ kind: 'profile', presets: ['照片不清晰'] }), expect: rootOnly() },
]

/** Server-to-server routes: only the bearer token opens them, never a person's session. */
const INTEGRATION: { method: 'GET' | 'POST'; route: string; url: string }[] = [
  { method: 'POST', route: '/integration/v1/registrations', url: '/integration/v1/registrations' },
  { method: 'POST', route: '/integration/v1/registrations/:reviewId/withdraw', url: '/integration/v1/registrations/1/withdraw' },
  { method: 'POST', route: '/integration/v1/change-requests', url: '/integration/v1/change-requests' },
  { method: 'POST', route: '/integration/v1/transfers', url: '/integration/v1/transfers' },
  { method: 'POST', route: '/integration/v1/transfers/:id/confirm', url: '/integration/v1/transfers/1/confirm' },
  { method: 'POST', route: '/integration/v1/transfers/:id/withdraw', url: '/integration/v1/transfers/1/withdraw' },
  { method: 'GET', route: '/integration/v1/members/:idCard', url: '/integration/v1/members/440305200001010011' },
]
/** Open to anyone by design: liveness and readiness carry no data. */
const PUBLIC = ['GET /healthz', 'GET /readyz']

let ctx: TestContext
let app: FastifyInstance
let p: Province
let close: () => Promise<void>
let clients: Record<Exclude<Role, 'anonymous'>, TestClient>

beforeEach(async () => {
  ;({ ctx, app, p, close } = await provinceApp())
  const parentAdmin = (
    await ctx.db.insertInto('accounts')
      .values({ org_id: p.orgs.szu.id, kind: 'admin', name: '深圳大学团委', mobile: null, wecom_user_id: null, password_hash: null, created_at: ctx.clock.now().toISOString() })
      .returning('id').executeTakeFirstOrThrow()
  ).id
  clients = {
    sibling: await loginAs(app, ctx, p.accounts.a2op),
    viewer: await loginAs(app, ctx, p.accounts.a1viewer),
    parentAdmin: await loginAs(app, ctx, parentAdmin),
    rootAdmin: await loginAs(app, ctx, p.accounts.gdadmin),
    operator: await loginAs(app, ctx, p.accounts.a1op),
  }
})
afterEach(() => close())

async function world(): Promise<World> {
  const registered = await addMember(ctx, p.orgs.a1, { name: SECRET_NAME })
  const moving = await addMember(ctx, p.orgs.a1, { name: SECRET_NAME, profileStatus: 'approved' })
  const leaving = await addMember(ctx, p.orgs.a1, { name: SECRET_NAME, profileStatus: 'approved' })
  const transferId = await addTransfer(ctx, { memberId: moving.id, fromOrg: p.orgs.a1, toOrg: p.orgs.b1, kind: 'in_province', initiator: 'member' })
  const branchTransferId = await addTransfer(ctx, { memberId: leaving.id, fromOrg: p.orgs.a1, toOrg: p.orgs.b1, kind: 'in_province', initiator: 'branch' })
  const target = await addMember(ctx, p.orgs.a1, { name: SECRET_NAME, profileStatus: 'approved' })
  const photoOf = await addMember(ctx, p.orgs.a1, { name: SECRET_NAME, realNameStatus: 'failed' })
  const at = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute((trx) =>
    insertOfflineVerification(
      trx,
      { review_id: photoOf.reviewId!, member_id: photoOf.id, org_id: p.orgs.a1.id, explanation: '线下核验', verified_by: p.accounts.a1op, verified_at: at },
      [{ mime: 'image/jpeg', size: 3, data_enc: ctx.crypto.encryptBytes(Buffer.from([0xff, 0xd8, 0xff])) }],
    ),
  )
  const photo = await ctx.db.selectFrom('offline_photos').select('id').executeTakeFirstOrThrow()
  return { memberId: target.id, idCard: target.idCard, reviewId: registered.reviewId!, transferId, branchTransferId, photoId: photo.id, p }
}

async function ask(role: Role, row: Row, w: World) {
  const opts: InjectOptions = { method: row.method, url: row.url(w), ...(row.body ? { payload: row.body(w) as InjectOptions['payload'] } : {}) }
  if (role === 'anonymous') return app.inject(opts)
  const c = clients[role]
  return app.inject({ ...opts, headers: { cookie: `sid=${c.token}`, 'x-csrf-token': c.csrfToken } })
}

describe('route × role matrix', () => {
  it.each(TABLE.map((r) => [`${r.method} ${r.route}`, r] as const))('%s', async (_name, row) => {
    const w = await world()
    const got: Record<string, number> = {}
    const leaks: string[] = []
    const done: Record<string, boolean> = {}
    for (const role of ROLES) {
      const res = await ask(role, row, w)
      got[role] = res.statusCode
      const text = res.body
      if (role === 'sibling' && text.includes(SECRET_NAME)) leaks.push(`${role} saw the name`)
      const revealing = row.route === '/api/members/:id/reveal-id-card' && role === 'operator'
      if (!revealing && text.includes(w.idCard)) leaks.push(`${role} got the full ID number`)
      if (row.itemsOk && res.statusCode === 200) {
        const items = (res.json().results ?? []) as { ok: boolean }[]
        done[role] = items.length > 0 && items.every((i) => i.ok)
      }
    }
    expect(got).toEqual(row.expect)
    expect(leaks).toEqual([])
    if (row.itemsOk) expect(done).toEqual(row.itemsOk)
  })

  it('asks every session-less caller for a session, and gives the integration API to the token alone', async () => {
    for (const r of INTEGRATION) {
      const bare = await app.inject({ method: r.method, url: r.url, payload: r.method === 'POST' ? {} : undefined })
      const session = await app.inject({ method: r.method, url: r.url, headers: { cookie: `sid=${clients.rootAdmin.token}`, 'x-csrf-token': clients.rootAdmin.csrfToken }, payload: r.method === 'POST' ? {} : undefined })
      expect([r.url, bare.statusCode, session.statusCode]).toEqual([r.url, 401, 401])
    }
  })

  it('names every route the app serves', () => {
    const served = routesOf(app).filter((r) => !r.startsWith('HEAD '))
    const named = [...TABLE.map((r) => `${r.method} ${r.route}`), ...INTEGRATION.map((r) => `${r.method} ${r.route}`), ...PUBLIC]
    expect(served.filter((r) => !named.includes(r))).toEqual([])
    expect(named.filter((r) => !served.includes(r))).toEqual([])
  })
})

/** "METHOD /full/path" of every route, from Fastify's printed radix tree (indentation = nesting). */
function routesOf(app: FastifyInstance): string[] {
  const out: string[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line)
    if (!m) continue
    const depth = m[1].length / 4
    stack.length = depth
    stack.push(m[2])
    if (m[3]) for (const method of m[3].split(', ')) out.push(`${method} ${stack.join('')}`)
  }
  return out
}
