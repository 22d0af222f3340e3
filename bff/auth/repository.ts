/** Failed PC logins per (name, source): docs/DOMAIN.md §1 "Failed PC logins". */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'

type Db = Kysely<Database>

export async function findLoginFailures(db: Db, nameHash: string, source: string) {
  return db.selectFrom('login_failures').select(['failures', 'delayed_until']).where('name_hash', '=', nameHash).where('source', '=', source).executeTakeFirst()
}

/**
 * Counts one failure in one statement (parallel guesses cannot lose a count) and returns the
 * new count; the caller turns it into a wait (login-delay.ts) and sets it with delayLogins
 * only when there is one.
 */
export async function countLoginFailure(db: Db, nameHash: string, source: string, at: string): Promise<number> {
  const row = await db
    .insertInto('login_failures')
    .values({ name_hash: nameHash, source, failures: 1, delayed_until: null, last_failed_at: at })
    .onConflict((oc) => oc.columns(['name_hash', 'source']).doUpdateSet({ failures: sql<number>`login_failures.failures + 1`, last_failed_at: at }))
    .returning('failures')
    .executeTakeFirstOrThrow()
  return row.failures
}

export async function delayLogins(db: Db, nameHash: string, source: string, until: string) {
  await db.updateTable('login_failures').set({ delayed_until: until }).where('name_hash', '=', nameHash).where('source', '=', source).execute()
}

/** A successful login or a password reset clears the key's count from every source. */
export async function clearLoginFailures(db: Db, nameHash: string) {
  await db.deleteFrom('login_failures').where('name_hash', '=', nameHash).execute()
}

/** Rows nobody has added to for a day go (the daily prune), so the table holds only recent guessing. */
export async function pruneLoginFailures(db: Db, before: string): Promise<number> {
  const res = await db.deleteFrom('login_failures').where('last_failed_at', '<', before).executeTakeFirst()
  return Number(res.numDeletedRows)
}
