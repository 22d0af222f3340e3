/**
 * Server-side sessions (issue #3): random token in an HttpOnly cookie, only its SHA-256
 * stored; idle and absolute expiry; a CSRF token per session; deleted at logout.
 */
import type { AppContext } from '../context'
import type { Actor } from '../scope'
import type { Channel } from '../../shared/organizations'
import { randomToken, sha256Hex } from '../security/tokens'

export const SESSION_COOKIE = 'sid'

export interface LoadedSession {
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
  await ctx.db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      account_id: accountId,
      csrf_token: csrfToken,
      channel,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute()
  return { token, csrfToken, expiresAt }
}

export async function loadSession(ctx: AppContext, token: string | undefined): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null
  const id = sha256Hex(token)
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      's.csrf_token', 's.channel', 's.last_seen_at', 's.expires_at',
      'a.id as account_id', 'a.name as account_name', 'a.kind', 'a.active', 'a.notifications_enabled',
      'o.id as org_id', 'o.path as org_path', 'o.type as org_type',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const now = ctx.clock.now()
  const idleLimit = new Date(row.last_seen_at).getTime() + ctx.config.session.idleMinutes * 60_000
  if (!row.active || now.toISOString() >= row.expires_at || now.getTime() >= idleLimit) {
    await ctx.db.deleteFrom('sessions').where('id', '=', id).execute()
    return null
  }
  // Touch at most once a minute: a write per request would serialise every read on SQLite.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute()
  }
  return {
    actor: {
      accountId: row.account_id,
      accountName: row.account_name,
      kind: row.kind,
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
  await ctx.db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute()
}

/** Expired sessions are removed now and then, not on every request. */
export async function purgeExpiredSessions(ctx: AppContext): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('expires_at', '<=', ctx.clock.now().toISOString()).execute()
}
