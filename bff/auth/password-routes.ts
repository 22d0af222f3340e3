/**
 * PC login with a password (docs/CONTRACT.md `POST /auth/password`): 组织账号 by organisation code
 * (admin), 运营者 by mobile number. One generic error for every failure (no account probing),
 * a temporary lock after repeated failures, and a per-IP throttle.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { findLoginAccount, countFailedLogin, setLock } from '../accounts/repository'
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { verifyPassword, hashPassword } from '../security/password'
import { startSession } from './session-routes'

const LOCK_AFTER_FAILURES = 5
const LOCK_MINUTES = 15
const IP_WINDOW_MS = 60_000
const IP_MAX_ATTEMPTS = 20

const LoginBody = Type.Object({
  account: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
})

/** A scrypt hash to compare against when the account does not exist, so timing tells nothing. */
let dummyHash: Promise<string> | null = null

export const passwordRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const attemptsByIp = new Map<string, number[]>()
  const ghosts = new Map<string, { failures: number; lockedUntil: string | null }>()

  app.post('/auth/password', { schema: { body: LoginBody } }, async (request, reply) => {
    const now = ctx.clock.now()
    const ip = request.ip ?? 'unknown'
    const recent = (attemptsByIp.get(ip) ?? []).filter((t) => t > now.getTime() - IP_WINDOW_MS)
    if (recent.length >= IP_MAX_ATTEMPTS) throw new AppError('RATE_LIMITED')
    recent.push(now.getTime())
    attemptsByIp.set(ip, recent)

    const key = request.body.account.trim()
    const account = await findLoginAccount(ctx.db, key)
    // Unknown names are locked the same way as real accounts, so the answers never tell
    // whether an organisation code or a mobile number has an account.
    const ghost = ghosts.get(key)
    const lockedUntil = account ? account.locked_until : (ghost?.lockedUntil ?? null)
    if (lockedUntil && lockedUntil > now.toISOString()) throw new AppError('ACCOUNT_LOCKED')
    dummyHash ??= hashPassword('not-a-password')
    const ok = await verifyPassword(request.body.password, account?.password_hash ?? (await dummyHash))
    if (!account || !account.password_hash || !account.active || !ok) {
      const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()
      let failures: number
      if (account) {
        failures = await countFailedLogin(ctx.db, account.id)
        if (failures >= LOCK_AFTER_FAILURES) await setLock(ctx.db, account.id, lockUntil)
      } else {
        failures = (ghost && !ghost.lockedUntil ? ghost.failures : 0) + 1
        ghosts.set(key, { failures: failures >= LOCK_AFTER_FAILURES ? 0 : failures, lockedUntil: failures >= LOCK_AFTER_FAILURES ? lockUntil : null })
        if (ghosts.size > 10_000) ghosts.delete(ghosts.keys().next().value!)
      }
      if (failures >= LOCK_AFTER_FAILURES) throw new AppError('ACCOUNT_LOCKED')
      throw new AppError('LOGIN_FAILED')
    }
    await setLock(ctx.db, account.id, null)
    await startSession(ctx, request, reply, account.id, 'pc')
    return { ok: true }
  })
}
