import { describe, expect, it } from 'vitest'
import Fastify from 'fastify'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { useWorld } from '../test/world'
import { inlineScriptHashes, registerSecurityHeaders } from './security-headers'
import { builtInlineScriptHashes } from './static'
import { closeObjects } from './strict-validation'

const w = useWorld()

function expectHardened(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy'])
  expect(csp).toMatch(/script-src 'self'(;|$)/)
  expect(csp).toContain("object-src 'none'")
  expect(csp).toContain("frame-ancestors 'self' https://work.weixin.qq.com")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
}

describe('every answer carries the security headers', () => {
  it('on an API answer, a refusal, a 404 and the liveness check', async () => {
    const op = await w.as('a1op')
    const answers = [
      await op.get('/api/profile-reviews'),
      await w.app.inject({ method: 'GET', url: '/api/profile-reviews' }),
      await w.app.inject({ method: 'GET', url: '/no-such-page' }),
      await w.app.inject({ method: 'GET', url: '/healthz' }),
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 200])
    for (const r of answers) {
      expectHardened(r.headers)
      // The demo runs on plain http: HSTS there would only be ignored.
      expect(r.headers['strict-transport-security']).toBeUndefined()
    }
  })

  it('adds HSTS when the public address is https', async () => {
    const bare = Fastify()
    registerSecurityHeaders(bare, { https: true })
    bare.get('/x', async () => 'ok')
    const r = await bare.inject({ method: 'GET', url: '/x' })
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000')
    await bare.close()
  })

  it("allows the built pages' inline scripts by their hash and nothing else inline", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'csp-'))
    mkdirSync(join(dist, 'pc'))
    writeFileSync(join(dist, 'index.html'), '<head><script>start()</script><script type="module" src="/assets/main.js"></script></head>')
    writeFileSync(join(dist, 'pc', 'index.html'), '<head><script type="module" src="/assets/pc.js"></script></head>')
    const hashes = builtInlineScriptHashes(dist)
    expect(hashes).toEqual([`sha256-${createHash('sha256').update('start()').digest('base64')}`])
    const bare = Fastify()
    registerSecurityHeaders(bare, { https: false, scriptHashes: hashes })
    bare.get('/x', async () => 'ok')
    const csp = String((await bare.inject({ method: 'GET', url: '/x' })).headers['content-security-policy'])
    // The page's own script and nothing else: no 'unsafe-inline', no other source.
    expect(csp.split('; ').find((d) => d.startsWith('script-src'))).toBe(`script-src 'self' '${hashes[0]}'`)
    await bare.close()
  })

  it("the phone's page has exactly one inline script (the early reads), the workbench none", () => {
    const inline = (page: string) => inlineScriptHashes(readFileSync(page, 'utf8'))
    expect(inline('web/index.html')).toHaveLength(1)
    expect(inline('web/pc/index.html')).toEqual([])
  })
})

describe('JSON bodies are taken strictly', () => {
  it('refuses a number where the reason must be text, and records no decision', async () => {
    const { reviewId } = await w.member('a1')
    const op = await w.as('a1op')
    const res = await op.post(`/api/profile-reviews/${reviewId}/decision`, { decision: 'return', reason: 123, version: 0 })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION' })
    expect(res.json().message).toContain('reason: 类型不正确，应为文本')
    expect((await op.get(`/api/profile-reviews/${reviewId}`)).json().status).toBe('pending')
  })

  it('refuses a text where a number must be', async () => {
    const { reviewId } = await w.member('a1')
    const op = await w.as('a1op')
    const res = await op.post(`/api/profile-reviews/${reviewId}/decision`, { decision: 'approve', version: '0' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain('version: 类型不正确，应为整数')
  })

  it('refuses a field the route does not know, naming it', async () => {
    const { reviewId } = await w.member('a1')
    const op = await w.as('a1op')
    const res = await op.post(`/api/profile-reviews/${reviewId}/decision`, { decision: 'approve', version: 0, decidedBy: 'root' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('decidedBy: 不允许提交字段 decidedBy')
    expect((await op.get(`/api/profile-reviews/${reviewId}`)).json().status).toBe('pending')
  })

  it('refuses a body over 64 KB before reading it', async () => {
    const { reviewId } = await w.member('a1')
    const op = await w.as('a1op')
    const res = await op.post(`/api/profile-reviews/${reviewId}/decision`, { decision: 'return', reason: 'x'.repeat(70_000), version: 0 })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses an id beyond the database integer range, naming the field', async () => {
    const op = await w.as('a1op')
    const res = await op.post('/api/transfers/batch', { memberIds: [1], targetOrgId: 1125899906842063, cause: '毕业' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('targetOrgId: 不能大于2147483647')
    expect((await op.get('/api/members/99999999999')).statusCode).toBe(400)
  })

  it('still reads numbers from a query string', async () => {
    const op = await w.as('a1op')
    expect((await op.get('/api/profile-reviews?limit=5')).statusCode).toBe(200)
    expect((await op.get('/api/profile-reviews?limit=abc')).statusCode).toBe(400)
  })
})

describe('closeObjects', () => {
  it('closes every object that states no rule of its own and leaves the input untouched', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } } },
        open: { type: 'object', properties: {}, additionalProperties: true },
        list: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer' } } } },
      },
    }
    const before = JSON.stringify(schema)
    const closed = closeObjects(schema) as typeof schema & Record<string, unknown>
    expect(JSON.stringify(schema)).toBe(before)
    expect(closed.additionalProperties).toBe(false)
    expect((closed.properties.a as Record<string, unknown>).additionalProperties).toBe(false)
    expect(closed.properties.open.additionalProperties).toBe(true)
    expect((closed.properties.list.items as Record<string, unknown>).additionalProperties).toBe(false)
  })
})
