/**
 * TRUST_PROXY (docs/CONTRACT.md, issue #10): X-Forwarded-For is believed only from the listed
 * proxies, so the address in the audit log and the one the login throttle counts cannot be
 * forged by a client; behind a listed proxy each client is told apart by its forwarded address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { testContext, type TestContext } from '../test/context'
import { seedProvince, type Province } from '../test/fixtures'
import { buildApp } from '../app'
import { passwordRoutes } from './password-routes'
import { hashPassword } from '../security/password'
import { accountMobileColumns } from '../accounts/repository'
import { parseTrustProxy } from '../config'

let ctx: TestContext
let app: FastifyInstance
let p: Province

const PROXY = '10.20.0.5'
const OUTSIDER = '198.51.100.9'

beforeEach(async () => {
  ctx = await testContext()
  app = await buildApp({ ctx, trustProxy: parseTrustProxy('10.20.0.0/16'), extend: async (root) => void (await root.register(passwordRoutes, { ctx })) })
  p = await seedProvince(ctx)
  await ctx.db.updateTable('accounts').set({ password_hash: await hashPassword('right-pass-1'), ...accountMobileColumns(ctx.crypto, '13900001111') }).where('id', '=', p.accounts.a1op).execute()
})
afterEach(async () => {
  await app.close()
  await ctx.close()
})

const login = (from: string, forwardedFor: string, account = '13900001111', password = 'right-pass-1') =>
  app.inject({ method: 'POST', url: '/auth/password', remoteAddress: from, headers: { 'x-forwarded-for': forwardedFor }, payload: { account, password } })

const lastLoginIp = async () =>
  (await ctx.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow()).ip

describe('TRUST_PROXY', { timeout: 30_000 }, () => {
  it('the audit log records the forwarded client behind a listed proxy, and the real peer otherwise', async () => {
    expect((await login(PROXY, '203.0.113.7')).statusCode).toBe(200)
    expect(await lastLoginIp()).toBe('203.0.113.7')
    expect((await login(OUTSIDER, '203.0.113.7')).statusCode).toBe(200)
    expect(await lastLoginIp()).toBe(OUTSIDER)
  })

  it('the per-address budget counts the forwarded client behind a listed proxy, and cannot be dodged with a forged header', async () => {
    // A different unknown name each time, so only the address's budget (20 a minute) is at work.
    for (let i = 0; i < 20; i++) expect((await login(OUTSIDER, `203.0.113.${i}`, `ghost${i}`, 'x')).statusCode).toBe(401)
    expect((await login(OUTSIDER, '203.0.113.99', 'ghost', 'x')).json().code).toBe('RATE_LIMITED')

    for (let i = 0; i < 20; i++) expect((await login(PROXY, '192.0.2.1', `ghost${i}`, 'x')).statusCode).toBe(401)
    expect((await login(PROXY, '192.0.2.1', 'ghost', 'x')).json().code).toBe('RATE_LIMITED')
    // Another client behind the same proxy is not the one that was throttled.
    expect((await login(PROXY, '192.0.2.2')).statusCode).toBe(200)
  })

  it('the failed-login wait of one name is per forwarded client: a neighbour behind the same proxy logs in', async () => {
    for (let i = 0; i < 6; i++) await login(PROXY, '192.0.2.1', '13900001111', 'wrong')
    expect((await login(PROXY, '192.0.2.1')).json().code).toBe('LOGIN_DELAYED')
    expect((await login(PROXY, '192.0.2.2')).statusCode).toBe(200)
  })
})
