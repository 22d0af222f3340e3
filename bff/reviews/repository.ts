import type { Kysely, Transaction, Insertable, Updateable } from 'kysely'
import type { ProfileReviewsTable } from '../db/schema/profile-reviews'
import type { OfflineVerificationsTable, OfflinePhotosTable } from '../db/schema/offline'
import type { Database } from '../db/schema'
import type { CursorKey } from '../pagination'
import type { ReviewKind } from '../../shared/reviews'
import type { Channel } from '../../shared/organizations'
import { StaleError } from '../errors'
import { expectChanged } from '../db/guarded'
import { fixedState, prefixUpperBound } from '../db/dialect'
import { precompiledByShape, type Slot } from '../db/precompiled'

type Db = Kysely<Database> | Transaction<Database>

const LIST_COLUMNS = [
  'r.id', 'r.kind', 'r.state', 'r.version', 'r.submitted_at', 'r.decided_at', 'r.reason', 'r.org_id',
  'm.id as member_id', 'm.name as member_name', 'm.id_card_masked', 'm.realname_status', 'm.profile_status',
  // What a kept 待审核 page is kept under (pendingReviewStamps).
  'm.version as member_version',
] as const

export interface ReviewListFilter {
  orgId: number
  kind?: ReviewKind
  namePrefix?: string
  cursor: CursorKey | null
  limit: number
}

/**
 * The reviews of one organisation with their members, filtered by kind and name prefix
 * (`below`: the prefix's upper bound, prefixUpperBound's unless given — a precompiled query
 * gives a slot).
 */
function reviewsOf(db: Db, f: Pick<ReviewListFilter, 'orgId' | 'kind' | 'namePrefix'> & { below?: string; namesakesFirst?: boolean }) {
  // namesakesFirst: members first, as a CROSS JOIN (SQLite's loop order; PostgreSQL plans it
  // as the inner join it is), so a name search reads the namesakes, not the whole queue.
  const joined = f.namesakesFirst
    ? db.selectFrom('members as m').crossJoin('profile_reviews as r').whereRef('m.id', '=', 'r.member_id')
    : db.selectFrom('profile_reviews as r').innerJoin('members as m', 'm.id', 'r.member_id')
  let q = joined
    .select(LIST_COLUMNS)
    .where('r.org_id', '=', f.orgId)
  if (f.kind) q = q.where('r.kind', '=', f.kind)
  if (f.namePrefix) q = q.where('m.name', '>=', f.namePrefix).where('m.name', '<', f.below ?? prefixUpperBound(f.namePrefix))
  return q
}

/**
 * Newest first by `column`, then id, after the cursor; one row more than a page. The cursor is
 * a row-value bound, (column, id) < (…), which both databases turn into a start inside the
 * index range: page 500 reads a page, not the 9,980 entries before it (an OR of the two
 * columns did, issue #12).
 */
function newestFirst(q: ReturnType<typeof reviewsOf>, column: 'r.submitted_at' | 'r.decided_at', cursor: CursorKey | null, rows: number) {
  if (cursor) {
    const [at, id] = cursor
    q = q.where((eb) => eb(eb.refTuple(column, 'r.id'), '<', eb.tuple(String(at), id)))
  }
  return q.orderBy(column, 'desc').orderBy('r.id', 'desc').limit(rows)
}

/**
 * 待审核: newest submission first, over index (org_id, state, submitted_at, id). A pending
 * request's member is in the request's branch (a transfer re-homes open requests, see
 * recordDecision), so a name search reads that branch's namesakes over (org_id, name, id),
 * not the province's.
 */
export async function listPendingReviews(db: Db, f: ReviewListFilter): Promise<ReviewListRow[]> {
  return pending.rows(db, f)
}

/**
 * What tells a kept 待审核 page is still the database's (bff/kept-pages.ts), over the same
 * index in the same order: each row's id and version and its member's version. Everything a
 * list row shows changes only with one of the two versions (a decision, a 撤回, an edit of the
 * member, an import's change of status all bump theirs).
 */
export async function pendingReviewStamps(db: Db, f: ReviewListFilter): Promise<PendingReviewStamp[]> {
  return pending.stamps(db, f)
}

// The season's most asked list, like 转接's 待审核 (transfers/repository.ts): each of its shapes
// (kind, search, cursor) is built once per handle (bff/db/precompiled.ts), with slots where
// the values go; 已审核 builds the same query per request.
const pendingShape = (f: ReviewListFilter) => `${f.kind ? 'k' : ''}${f.namePrefix ? 'q' : ''}${f.cursor ? 'c' : ''}`

function pendingValues(f: ReviewListFilter) {
  const [at, id] = f.cursor ?? [null, null]
  return { orgId: f.orgId, kind: f.kind, limit: f.limit + 1, at: at === null ? null : String(at), id, from: f.namePrefix, below: f.namePrefix && prefixUpperBound(f.namePrefix) }
}

const pendingQuery = (shape: string) => (db: Db, v: Slot) => {
  const byName = shape.includes('q')
  const f = { orgId: v<number>('orgId'), kind: shape.includes('k') ? v<ReviewKind>('kind') : undefined, namePrefix: byName ? v<string>('from') : undefined, below: v<string>('below'), namesakesFirst: byName }
  const q = reviewsOf(db, f).where('r.state', '=', fixedState('pending'))
  const cursor: CursorKey | null = shape.includes('c') ? [v<string>('at'), v<number>('id')] : null
  return newestFirst(byName ? q.where('m.org_id', '=', v<number>('orgId')) : q, 'r.submitted_at', cursor, v<number>('limit'))
}

const pending = {
  rows: precompiledByShape(pendingShape, pendingQuery, pendingValues),
  stamps: precompiledByShape(pendingShape, (shape) => (db: Db, v) => pendingQuery(shape)(db, v).clearSelect().select(['r.id', 'r.version', 'm.version as member_version']), pendingValues),
}
export type PendingReviewStamp = Awaited<ReturnType<typeof pending.stamps>>[number]
/** A page row's stamp, the same columns pendingReviewStamps reads (a kept page is kept under its rows' stamps). */
export const pendingReviewStampOf = (r: ReviewListRow): PendingReviewStamp => ({ id: r.id, version: r.version, member_version: r.member_version })

/** 已审核: what this organisation decided, newest decision first, over index (org_id, decided_at, id). */
export async function listHandledReviews(db: Db, f: ReviewListFilter) {
  // Decided by the organisation (同意/退回), including history that came with an import;
  // a member's own 撤回 is not the organisation's decision.
  const q = reviewsOf(db, f).where('r.decided_at', 'is not', null).where('r.state', 'in', ['approved', 'returned'])
  return newestFirst(q, 'r.decided_at', f.cursor, f.limit + 1).execute()
}
export type ReviewListRow = Awaited<ReturnType<typeof listHandledReviews>>[number]

export async function findReview(db: Db, id: number) {
  return db
    .selectFrom('profile_reviews as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select(['o.path as org_path'])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

export async function countPendingReviews(db: Db, orgId: number): Promise<number> {
  const r = await db
    .selectFrom('profile_reviews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('state', '=', fixedState('pending'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The member's open review of a kind, if any (a member has at most one pending request). */
export async function findPendingReviewOfMember(db: Db, memberId: number) {
  return db.selectFrom('profile_reviews').selectAll().where('member_id', '=', memberId).where('state', '=', fixedState('pending')).executeTakeFirst()
}

/**
 * Records the organisation's decision on a review, guarded by its version (a lost race is a
 * 409). The member must still belong to the review's branch: a transfer re-homes open reviews.
 */
export async function recordDecision(
  trx: Transaction<Database>,
  r: { id: number; version: number; org_id: number },
  memberOrgId: number,
  d: { state: 'approved' | 'returned'; at: string; by: number; channel: Channel; reason: string | null },
): Promise<void> {
  if (memberOrgId !== r.org_id) throw new StaleError()
  const res = await trx
    .updateTable('profile_reviews')
    .set({ state: d.state, decided_at: d.at, decided_by: d.by, decided_channel: d.channel, reason: d.reason, version: r.version + 1 })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .executeTakeFirst()
  expectChanged(res)
}

export async function insertReview(db: Db, values: Insertable<ProfileReviewsTable>): Promise<number> {
  return (await db.insertInto('profile_reviews').values(values).returning('id').executeTakeFirstOrThrow()).id
}

/** The member's own 撤回 of a pending request, guarded by the version read. */
export async function withdrawPendingReview(db: Db, r: { id: number; version: number }, at: string, staleMessage?: string): Promise<void> {
  const res = await db
    .updateTable('profile_reviews')
    .set({ state: 'withdrawn', decided_at: at, version: r.version + 1 })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .where('state', '=', fixedState('pending'))
    .executeTakeFirst()
  expectChanged(res, staleMessage)
}

/** The latest 退回 of the member's requests, with its reason (shown to the member). */
export async function latestReturnOfMember(db: Db, memberId: number) {
  return db
    .selectFrom('profile_reviews')
    .select(['reason', 'decided_at', 'kind'])
    .where('member_id', '=', memberId)
    .where('state', '=', fixedState('returned'))
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** A 线下通过 record and its (already encrypted) photos, inside the decision's transaction. */
export async function insertOfflineVerification(
  trx: Transaction<Database>,
  v: Insertable<OfflineVerificationsTable>,
  photos: Omit<Insertable<OfflinePhotosTable>, 'verification_id'>[],
): Promise<void> {
  const { id } = await trx.insertInto('offline_verifications').values(v).returning('id').executeTakeFirstOrThrow()
  await trx.insertInto('offline_photos').values(photos.map((p) => ({ ...p, verification_id: id }))).execute()
}

export async function findOfflinePhoto(db: Db, photoId: number) {
  return db
    .selectFrom('offline_photos as p')
    .innerJoin('offline_verifications as v', 'v.id', 'p.verification_id')
    .select(['p.mime', 'p.data_enc', 'v.org_id'])
    .where('p.id', '=', photoId)
    .executeTakeFirst()
}

/** The member's latest offline verification with the verifier's name. */
export async function latestOfflineVerification(db: Db, memberId: number) {
  return db
    .selectFrom('offline_verifications as v')
    .innerJoin('accounts as a', 'a.id', 'v.verified_by')
    .select(['v.id', 'v.explanation', 'v.verified_at', 'v.photos_deleted_at', 'v.org_id', 'a.name'])
    .where('v.member_id', '=', memberId)
    .orderBy('v.id', 'desc')
    .executeTakeFirst()
}

export async function offlinePhotoIds(db: Db, verificationId: number): Promise<number[]> {
  const rows = await db.selectFrom('offline_photos').select('id').where('verification_id', '=', verificationId).orderBy('id').execute()
  return rows.map((r) => r.id)
}

/**
 * Offline verifications decided before `before` whose photos are still kept, oldest first: the
 * photo clean-up's next chunk (a range of offline_verifications_photos_kept, migration 0015).
 */
export async function verificationsWithExpiredPhotos(db: Db, before: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('offline_verifications')
    .select('id')
    .where('photos_deleted_at', 'is', null)
    .where('verified_at', '<', before)
    .orderBy('verified_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Marks these verifications' photos deleted at `at` and deletes their bytes; answers the
 * verifications this call marked (another process may have been first) with the number of
 * photos each had. The mark goes first, guarded, so two clean-ups never both claim one.
 */
export async function deleteOfflinePhotos(trx: Transaction<Database>, ids: number[], at: string) {
  if (ids.length === 0) return []
  const claimed = await trx
    .updateTable('offline_verifications')
    .set({ photos_deleted_at: at })
    .where('id', 'in', ids)
    .where('photos_deleted_at', 'is', null)
    .returning(['id', 'review_id', 'member_id', 'org_id'])
    .execute()
  if (claimed.length === 0) return []
  const deleted = await trx.deleteFrom('offline_photos').where('verification_id', 'in', claimed.map((v) => v.id)).returning('verification_id').execute()
  return claimed.map((v) => ({ ...v, photos: deleted.filter((p) => p.verification_id === v.id).length }))
}

/** Re-homes or closes a review when its member moves (guarded by the version read). */
export async function updateReview(db: Db, r: { id: number; version: number }, set: Updateable<ProfileReviewsTable>): Promise<void> {
  expectChanged(await db.updateTable('profile_reviews').set({ ...set, version: r.version + 1 }).where('id', '=', r.id).where('version', '=', r.version).executeTakeFirst())
}
