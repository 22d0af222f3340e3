/**
 * The bench's own SQL (docs/ARCHITECTURE.md: SQL only in a repository.ts): a schema of its own
 * on PostgreSQL, fresh statistics after the import, and the look-ups that pick what the
 * measured requests act on in the imported slice.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../bff/db/schema'

export const createSchema = (db: Kysely<Database>, schema: string) => sql.raw(`create schema ${schema}`).execute(db)
export const dropSchema = (db: Kysely<Database>, schema: string) => sql.raw(`drop schema ${schema} cascade`).execute(db)

export const accountIdByWecomUser = async (db: Kysely<Database>, userid: string) =>
  (await db.selectFrom('accounts').select('id').where('wecom_user_id', '=', userid).executeTakeFirstOrThrow()).id

export const orgIdByCode = async (db: Kysely<Database>, code: string) =>
  (await db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

/** Transfers waiting at `orgId`, newest first. */
export const transfersWaitingAt = (db: Kysely<Database>, orgId: number, limit: number) =>
  db.selectFrom('transfers').select(['id', 'version']).where('current_org_id', '=', orgId).where('status', '=', 'in_progress')
    .orderBy('waiting_since', 'desc').orderBy('id', 'desc').limit(limit).execute()

/** Pending 资料审核 requests of a branch, oldest first (the order an operator works through them). */
export const oldestPendingReviews = (db: Kysely<Database>, orgId: number, limit: number) =>
  db.selectFrom('profile_reviews').select(['id', 'version']).where('org_id', '=', orgId).where('state', '=', 'pending')
    .orderBy('submitted_at', 'asc').orderBy('id', 'asc').limit(limit).execute()

export const newestPendingReviewId = async (db: Kysely<Database>, orgId: number) =>
  (await db.selectFrom('profile_reviews').select('id').where('org_id', '=', orgId).where('state', '=', 'pending').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id

export const newestMemberId = async (db: Kysely<Database>, orgId: number) =>
  (await db.selectFrom('members').select('id').where('org_id', '=', orgId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id
