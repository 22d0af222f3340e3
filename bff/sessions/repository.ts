/** Server-side sessions: only the SHA-256 of the cookie's token is stored. */
import type { Kysely, Transaction, Insertable } from 'kysely'
import type { Database } from '../db/schema'
import type { SessionsTable } from '../db/schema/sessions'

type Db = Kysely<Database> | Transaction<Database>

export async function insertSession(db: Db, values: Insertable<SessionsTable>) {
  await db.insertInto('sessions').values(values).execute()
}

/** The session with its account and organisation, one query per request. */
export async function findSessionWithActor(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      's.csrf_token', 's.channel', 's.last_seen_at', 's.expires_at',
      'a.id as account_id', 'a.name as account_name', 'a.kind', 'a.root_admin', 'a.active', 'a.notifications_enabled',
      'o.id as org_id', 'o.path as org_path', 'o.type as org_type',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
}

export async function touchSession(db: Db, id: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute()
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** A disabled account or a changed role must not keep acting through an open session. */
export async function deleteSessionsOfAccount(db: Db, accountId: number) {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute()
}

/** After a password change: every other sign-in of the account ends; answers how many. */
export async function deleteOtherSessionsOfAccount(db: Db, accountId: number, keepId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '!=', keepId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute()
}
