import { describe, it, expect, afterEach } from 'vitest'
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { testContext, testApp, type TestContext } from './test/context'
import { buildApp } from './app'

let ctx: TestContext
let app: FastifyInstance
afterEach(async () => {
  await app?.close()
  await ctx?.close()
})

describe('/healthz and /readyz (docs/CONTRACT.md)', () => {
  it('/healthz is liveness only: {ok:true} even when the database is gone', async () => {
    ctx = await testContext()
    app = await testApp(ctx)
    await ctx.close()
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
    ctx = undefined as never
  })

  it('/readyz is 200 when the database answers and every migration has run', async () => {
    ctx = await testContext()
    app = await testApp(ctx)
    const res = await app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
  })

  it('/readyz is 503 when a migration has not run', async () => {
    ctx = await testContext()
    app = await testApp(ctx)
    await sql`delete from kysely_migration where name = '0005-integrity'`.execute(ctx.db)
    const res = await app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json().message).toContain('1 个迁移未执行')
  })

  it('/readyz is 503 when the database does not answer', async () => {
    ctx = await testContext()
    app = await testApp(ctx)
    await ctx.close()
    const res = await app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ ok: false, message: '数据库无法访问' })
    ctx = undefined as never
  })
})

describe('request log', () => {
  it('writes one line per request with method, status and time', async () => {
    ctx = await testContext()
    const lines: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk, _enc, cb) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
        cb()
      },
    })
    app = await buildApp({ ctx, logger: { level: 'info', stream } as never })
    await app.inject({ method: 'GET', url: '/healthz' })
    await app.inject({ method: 'GET', url: '/api/me' })
    const requests = lines.filter((l) => l.msg === 'request completed')
    expect(requests).toHaveLength(2)
    expect(requests[0]).toMatchObject({ req: { method: 'GET', url: '/healthz' }, res: { statusCode: 200 } })
    expect(requests[1]).toMatchObject({ req: { method: 'GET', url: '/api/me' }, res: { statusCode: 401 } })
    expect(typeof requests[0].responseTime).toBe('number')
  })
})
