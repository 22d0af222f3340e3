/**
 * Property-based tests (issue #11 "Proof"): whatever a client sends — any JSON, any field
 * replaced by any value — the API, the integration API and the import validator answer with
 * a refusal they can explain, never a 5xx and never a shape the clients cannot read:
 * `{code, message}` with a Chinese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { loginAs, type TestContext, type TestClient } from '../test/context'
import { provinceApp, addMember, addTransfer, makeIdCard, type Province } from '../test/fixtures'
import { validateImportFile } from '../import/validate'

let ctx: TestContext
let app: FastifyInstance
let p: Province
let close: () => Promise<void>
let op: TestClient
let reviewId: number
let transferId: number
let memberId: number

beforeAll(async () => {
  ;({ ctx, app, p, close } = await provinceApp())
  op = await loginAs(app, ctx, p.accounts.a1op)
  reviewId = (await addMember(ctx, p.orgs.a1)).reviewId!
  const moving = await addMember(ctx, p.orgs.a1, { profileStatus: 'approved' })
  memberId = moving.id
  transferId = await addTransfer(ctx, { memberId: moving.id, fromOrg: p.orgs.a1, toOrg: p.orgs.b1, kind: 'in_province', initiator: 'member' })
})
afterAll(() => close())

/** Any JSON value, or a valid body with one field replaced by any JSON value. */
const bodyFor = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.jsonValue(),
    fc.record({ field: fc.constantFrom(...Object.keys(valid), 'unknownField'), value: fc.jsonValue() }).map(({ field, value }) => ({ ...valid, [field]: value })),
  )

/** An answer a client can read: 2xx, or 4xx with a code and a message in Chinese. */
function expectReadable(res: { statusCode: number; body: string }, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeLessThan(500)
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as { code?: unknown; message?: unknown }
    expect(typeof body.code, what).toBe('string')
    expect(body.message, what).toMatch(/[\u4e00-\u9fff]/)
  }
}

const ROUTES: { method: 'POST' | 'PUT'; name: string; url: () => string; valid: () => Record<string, unknown> }[] = [
  { method: 'POST', name: '/api/profile-reviews/:id/decision', url: () => `/api/profile-reviews/${reviewId}/decision`, valid: () => ({ decision: 'return', reason: '照片不清晰', version: 0 }) },
  { method: 'POST', name: '/api/transfers/:id/decision', url: () => `/api/transfers/${transferId}/decision`, valid: () => ({ decision: 'return', reason: '照片不清晰', version: 0 }) },
  { method: 'POST', name: '/api/transfers/decisions', url: () => '/api/transfers/decisions', valid: () => ({ items: [{ id: transferId, version: 0 }], decision: 'return', reason: '请补充' }) },
  { method: 'POST', name: '/api/transfers', url: () => '/api/transfers', valid: () => ({ memberId, to: 'b1', kind: 'in_province', cause: '升学/转学', studyWorkUnit: '中山大学' }) },
  { method: 'POST', name: '/api/transfers/batch', url: () => '/api/transfers/batch', valid: () => ({ memberIds: [memberId], targetOrgId: p.orgs.b1.id, cause: '毕业' }) },
  { method: 'PUT', name: '/api/me/notifications', url: () => '/api/me/notifications', valid: () => ({ enabled: true }) },
  { method: 'POST', name: '/api/me/password', url: () => '/api/me/password', valid: () => ({ currentPassword: 'x', newPassword: 'long-enough-1' }) },
]

describe('the API never answers 5xx, whatever the body', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))('%s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(bodyFor(route.valid()), async (body) => {
        const opts: InjectOptions = {
          method: route.method, url: route.url(), payload: JSON.stringify(body),
          headers: { cookie: `sid=${op.token}`, 'x-csrf-token': op.csrfToken, 'content-type': 'application/json' },
        }
        expectReadable(await app.inject(opts), JSON.stringify(body))
      }),
      { numRuns: 60 },
    )
  })

  it('nor for a path or query nobody planned for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/members/', '/api/transfers/', '/api/profile-reviews/', '/api/members?q=', '/api/transfers?box='), fc.string({ maxLength: 40 }), async (prefix, tail) => {
        const res = await op.get(prefix + encodeURIComponent(tail))
        expectReadable(res, prefix + tail)
      }),
      { numRuns: 100 },
    )
  })
})

describe('the integration API never answers 5xx, whatever the body', () => {
  const valid = () => ({
    org: 'a1', name: '吴敏', idCard: makeIdCard('20040315'), mobile: '13700001111', nation: '汉族', education: '本科在读',
    occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05',
  })
  it.each(['/registrations', '/change-requests', '/transfers'])('%s', async (path) => {
    await fc.assert(
      fc.asyncProperty(bodyFor(valid()), async (body) => {
        const res = await app.inject({
          method: 'POST', url: `/integration/v1${path}`, payload: JSON.stringify(body),
          headers: { authorization: 'Bearer test-integration-token', 'content-type': 'application/json' },
        })
        expectReadable(res, JSON.stringify(body))
      }),
      { numRuns: 60 },
    )
  })
})

describe('the import validator answers problems, never throws', () => {
  it('for any JSON, and for a file with any member field replaced', () => {
    const member = { org: 'a1', name: '吴敏', idCard: makeIdCard('20040315'), mobile: '13700001111', nation: '汉族', education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05' }
    const file = (m: unknown) => ({ version: 1, organizations: [{ code: 'a1', name: '一班团支部', type: 'branch', parent: null }], accounts: [], members: [m] })
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), bodyFor(member).map(file)), (input) => {
        const v = validateImportFile(input)
        if (!v.ok) {
          expect(v.problems.length).toBeGreaterThan(0)
          for (const pr of v.problems) expect(pr.message).toMatch(/[\u4e00-\u9fff]/)
        }
      }),
      { numRuns: 300 },
    )
  })
})
