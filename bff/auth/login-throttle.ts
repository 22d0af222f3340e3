/**
 * Applies the failed-login rule (login-delay.ts, docs/DOMAIN.md §1 "Failed PC logins") to one
 * login name from one source. Counted in the database, so several BFF processes share the
 * count. The key is the account's id when the name has an account (an admin's reset can
 * clear it), else a keyed hash of the name with its own prefix: the table says nothing about
 * which phone numbers or codes were tried, and unknown names are slowed down like real ones.
 */
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { loginDelaySeconds } from './login-delay'
import { waitText } from '../security/rate-limit'
import { clearLoginFailures, countLoginFailure, delayLogins, findLoginFailures } from './repository'

const accountKey = (accountId: number) => `account:${accountId}`
export const loginKey = (ctx: AppContext, name: string, accountId: number | null) =>
  accountId === null ? ctx.crypto.lookupHash(`login:${name}`) : accountKey(accountId)

/** Throws LOGIN_DELAYED (429, Retry-After) while this pair must wait; checks no password. */
export async function assertMayTryLogin(ctx: AppContext, key: string, source: string): Promise<void> {
  const row = await findLoginFailures(ctx.db, key, source)
  const now = ctx.clock.now()
  if (row?.delayed_until && row.delayed_until > now.toISOString()) throw delayed(new Date(row.delayed_until).getTime() - now.getTime())
}

/** Counts a failure; the answer is LOGIN_FAILED, or LOGIN_DELAYED once the pair must wait. */
export async function failedLogin(ctx: AppContext, key: string, source: string): Promise<AppError> {
  const now = ctx.clock.now()
  const failures = await countLoginFailure(ctx.db, key, source, now.toISOString())
  const seconds = loginDelaySeconds(failures)
  if (seconds === 0) return new AppError('LOGIN_FAILED')
  await delayLogins(ctx.db, key, source, new Date(now.getTime() + seconds * 1000).toISOString())
  return delayed(seconds * 1000)
}

/** After a successful login, or when an admin resets the account's password. */
export async function forgetLoginFailures(ctx: AppContext, accountId: number): Promise<void> {
  await clearLoginFailures(ctx.db, accountKey(accountId))
}

function delayed(ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  return new AppError('LOGIN_DELAYED', `账号或密码错误次数过多，请${waitText(seconds)}后再试`, { retryAfter: seconds })
}
