/**
 * A busy SQLite database answers 503 BUSY with Retry-After (docs/CONTRACT.md, issue #10), never
 * a 500: another connection — another process on the same file — holds the write lock past
 * the busy timeout. Once the lock is released the same request goes through.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import SQLite from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { testContext, testApp, type TestContext } from '../test/context'
import { registrationOf, seedProvince } from '../test/fixtures'

let dir: string
let ctx: TestContext
let app: FastifyInstance

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'busy-'))
  ctx = await testContext({}, { databaseUrl: `sqlite:${join(dir, 'app.db')}` })
  app = await testApp(ctx)
  await seedProvince(ctx)
  // The app's connection waits 5 s for a lock; a tenth of a second keeps the test short.
  await sql`pragma busy_timeout = 100`.execute(ctx.db)
})
afterEach(async () => {
  await app.close()
  await ctx.close()
  rmSync(dir, { recursive: true, force: true })
})

const register = () =>
  app.inject({
    method: 'POST',
    url: '/integration/v1/registrations',
    headers: { authorization: 'Bearer test-integration-token' },
    payload: registrationOf('钱多多'),
  })

describe('a locked SQLite database', () => {
  it('answers 503 BUSY with Retry-After while another connection holds the write lock, then works again', async () => {
    const other = new SQLite(join(dir, 'app.db'))
    other.exec('begin immediate')
    try {
      const busy = await register()
      expect(busy.statusCode).toBe(503)
      expect(busy.json()).toMatchObject({ code: 'BUSY' })
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0)
    } finally {
      other.exec('rollback')
      other.close()
    }
    expect((await register()).statusCode).toBe(201)
  })
})
