/** Server-side sessions: only the SHA-256 of the cookie's token is stored. */
import type { Kysely, Transaction, Insertable, CompiledQuery } from 'kysely'
import type { Database } from '../db/schema'
import type { SessionsTable } from '../db/schema/sessions'

type Db = Kysely<Database> | Transaction<Database>

export async function insertSession(db: Db, values: Insertable<SessionsTable>) {
  await db.insertInto('sessions').values(values).execute()
}

function sessionWithActor(db: Db, id: string) {
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
}
type SessionWithActor = Awaited<ReturnType<ReturnType<typeof sessionWithActor>['executeTakeFirst']>>

/** Each database handle's session query, built and compiled once; only the id changes. */
const compiledSessionQuery = new WeakMap<object, CompiledQuery>()

/**
 * The session with its account and organisation, one query per request — checked in the
 * database every time (a logout or a password change ends it at once). Every request asks it,
 * so Kysely builds and compiles it once per database handle, not per request (issue #12).
 */
export async function findSessionWithActor(db: Db, id: string): Promise<SessionWithActor> {
  let compiled = compiledSessionQuery.get(db)
  if (!compiled) {
    compiled = sessionWithActor(db, '').compile()
    // The id must be its only parameter, or the substitution below would bind the wrong value.
    if (compiled.parameters.length !== 1) throw new Error('sessionWithActor: expected exactly one parameter (the id)')
    compiledSessionQuery.set(db, compiled)
  }
  const { rows } = await db.executeQuery<NonNullable<SessionWithActor>>({ ...compiled, parameters: [id] })
  return rows[0]
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
