/**
 * PC login with a password (docs/CONTRACT.md `POST /auth/password`): 组织账号 by organisation code
 * (admin), 运营者 by mobile number. One generic error for every failure (no account probing);
 * failures slow down that name from that source only (login-throttle.ts, docs/DOMAIN.md §1
 * "Failed PC logins"), so nobody can lock an admin out from elsewhere; and each source has a
 * budget of attempts a minute across all names (password spraying).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { findLoginAccount } from '../accounts/repository'
import type { AppContext } from '../context'
import { verifyPassword, hashPassword } from '../security/password'
import { createRateLimiter } from '../security/rate-limit'
import { startSession } from './session-routes'
import { assertMayTryLogin, failedLogin, forgetLoginFailures, loginKey } from './login-throttle'

const ATTEMPTS_PER_SOURCE_PER_MINUTE = 20

const LoginBody = Type.Object({
  account: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
})

/** A scrypt hash to compare against when the account does not exist, so timing tells nothing. */
let dummyHash: Promise<string> | null = null

export const passwordRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const perSource = createRateLimiter({ limit: ATTEMPTS_PER_SOURCE_PER_MINUTE, windowMs: 60_000, clock: ctx.clock, message: '登录尝试过于频繁，请稍后再试' })

  app.post('/auth/password', { schema: { body: LoginBody } }, async (request, reply) => {
    const source = request.ip ?? 'unknown'
    perSource.hit(source)
    const name = request.body.account.trim()
    // Unknown names are counted and delayed exactly like real ones: the answers never tell
    // whether an organisation code or a mobile number has an account.
    const account = await findLoginAccount(ctx.db, name, ctx.crypto)
    const key = loginKey(ctx, name, account?.id ?? null)
    await assertMayTryLogin(ctx, key, source)
    dummyHash ??= hashPassword('not-a-password')
    const ok = await verifyPassword(request.body.password, account?.password_hash ?? (await dummyHash))
    if (!account || !account.password_hash || !account.active || !ok) throw await failedLogin(ctx, key, source)
    await forgetLoginFailures(ctx, account.id)
    await startSession(ctx, request, reply, account.id, 'pc')
    return { ok: true }
  })
}
