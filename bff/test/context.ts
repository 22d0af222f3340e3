/**
 * Test factories: a real in-memory SQLite database, migrated, with a manual clock and a
 * random data key. Sessions are created through the session service (the same code the
 * login uses), never through a backdoor in the running app.
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { openDatabase } from '../db/dialect'
import { migrateToLatest } from '../db/migrations'
import { manualClock, type ManualClock } from '../clock'
import { createDataCrypto } from '../security/data-crypto'
import { loadConfig } from '../config'
import type { AppContext } from '../context'
import { buildApp } from '../app'
import { createSession } from '../sessions/service'
import type { Channel } from '../../shared/organizations'
import type { FastifyInstance, InjectOptions } from 'fastify'

export interface TestContext extends AppContext {
  clock: ManualClock
  close(): Promise<void>
}

/**
 * The database of one test: in-memory SQLite, or — when TEST_DATABASE_URL is set
 * (docs/CONTRACT.md) — a fresh PostgreSQL schema dropped at the end, so the same suite proves
 * both dialects. The run's own database holding these schemas is made by
 * bff/test/pg-run-database.ts. `url` opens the same database from another process.
 */
export async function testDatabase(): Promise<Awaited<ReturnType<typeof openDatabase>> & { schema?: string; url: string }> {
  const pgUrl = process.env.TEST_DATABASE_URL
  if (!pgUrl) return { ...(await openDatabase('sqlite::memory:')), url: 'sqlite::memory:' }
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = await openDatabase(pgUrl)
  await sql.raw(`create schema ${schema}`).execute(admin.db)
  const url = new URL(pgUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  const handle = await openDatabase(url.toString())
  return {
    ...handle,
    schema,
    url: url.toString(),
    close: async () => {
      await handle.close()
      await sql.raw(`drop schema ${schema} cascade`).execute(admin.db)
      await admin.close()
    },
  }
}

/** `databaseUrl`: a database of the test's own choosing (an SQLite file another connection shares). */
export async function testContext(env: Record<string, string> = {}, opts: { databaseUrl?: string } = {}): Promise<TestContext> {
  const handle: { db: TestContext['db']; dialect: TestContext['dialect']; schema?: string; close(): Promise<void> } = opts.databaseUrl
    ? await openDatabase(opts.databaseUrl)
    : await testDatabase()
  await migrateToLatest(handle.db, { schema: handle.schema })
  const dataKey = randomBytes(32).toString('base64')
  const config = loadConfig({
    SESSION_SECRET: 'test-session-secret',
    INTEGRATION_TOKEN: 'test-integration-token',
    DATA_KEY: dataKey,
    PUBLIC_BASE_URL: 'http://app.test:3000',
    ...env,
  })
  return {
    db: handle.db,
    dialect: handle.dialect,
    clock: manualClock('2026-11-20T02:00:00.000Z'),
    crypto: createDataCrypto(Buffer.from(dataKey, 'base64')),
    config,
    close: handle.close,
  }
}

export async function testApp(ctx: TestContext): Promise<FastifyInstance> {
  const app = await buildApp({ ctx })
  await app.ready()
  return app
}

/** A signed-in client for `app.inject`: cookie + CSRF header. */
export async function loginAs(app: FastifyInstance, ctx: AppContext, accountId: number, channel: Channel = 'mobile') {
  const { token, csrfToken } = await createSession(ctx, accountId, channel)
  const headers = { cookie: `sid=${token}`, 'x-csrf-token': csrfToken }
  const call = (opts: InjectOptions) => app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } })
  return {
    token,
    csrfToken,
    get: (url: string) => call({ method: 'GET', url }),
    post: (url: string, payload?: unknown) => call({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    put: (url: string, payload?: unknown) => call({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
  }
}
export type TestClient = Awaited<ReturnType<typeof loginAs>>
