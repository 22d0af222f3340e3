/**
 * Server-side sessions (issue #3): random token in an HttpOnly cookie, only its SHA-256
 * stored; idle and absolute expiry; a CSRF token per session; deleted at logout.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import type { Channel } from '../../shared/organizations'
import { randomToken, sha256Hex } from '../security/tokens'
import { insertSession, findSessionWithActor, touchSession, deleteSession, deleteExpiredSessions } from './repository'

export const SESSION_COOKIE = 'sid'

export interface LoadedSession {
  /** The stored id (SHA-256 of the cookie's token): "this session" when ending the others. */
  id: string
  actor: Actor
  csrfToken: string
  channel: Channel
  notificationsEnabled: boolean
}

export async function createSession(ctx: AppContext, accountId: number, channel: Channel) {
  const token = randomToken()
  const csrfToken = randomToken(24)
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + ctx.config.session.absoluteHours * 3_600_000)
  await insertSession(ctx.db, {
    id: sha256Hex(token),
    account_id: accountId,
    csrf_token: csrfToken,
    channel,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  })
  return { token, csrfToken, expiresAt }
}

export async function loadSession(ctx: AppContext, token: string | undefined): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null
  const id = sha256Hex(token)
  const row = await findSessionWithActor(ctx.db, id)
  if (!row) return null
  const now = ctx.clock.now()
  const idleLimit = new Date(row.last_seen_at).getTime() + ctx.config.session.idleMinutes * 60_000
  if (!row.active || now.toISOString() >= row.expires_at || now.getTime() >= idleLimit) {
    await deleteSession(ctx.db, id)
    return null
  }
  // Touch at most once a minute: a write per request would serialise every read on SQLite.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await touchSession(ctx.db, id, now.toISOString())
  }
  return {
    id,
    actor: {
      accountId: row.account_id,
      accountName: row.account_name,
      kind: row.kind,
      rootAdmin: row.kind === 'admin' && row.root_admin === 1,
      orgId: row.org_id,
      orgPath: row.org_path,
      orgType: row.org_type,
    },
    csrfToken: row.csrf_token,
    channel: row.channel,
    notificationsEnabled: row.notifications_enabled === 1,
  }
}

export async function destroySession(ctx: AppContext, token: string | undefined): Promise<void> {
  if (!token) return
  await deleteSession(ctx.db, sha256Hex(token))
}

/** Expired sessions are removed now and then, not on every request. */
export async function purgeExpiredSessions(ctx: AppContext): Promise<void> {
  await deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString())
}
