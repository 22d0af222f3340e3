import type { Kysely } from 'kysely'

// Frozen in time. Issue #12: a kept 待审核 page (bff/kept-pages.ts) is checked on every request
// by a narrow query of its rows' stamps, over the queue's index in the queue's order
// (todoStamps, pendingReviewStamps). With the filtered columns, the version (and for 资料审核
// the member's id) in the index too, that query reads the index alone: no look-up of the
// application per row, of the request per row (the member's version still is one). Same
// leading columns, same order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transfers_todo').execute()
  await db.schema.createIndex('transfers_todo').on('transfers').columns(['current_org_id', 'waiting_since', 'id', 'status', 'current_role', 'version']).execute()
  await db.schema.dropIndex('profile_reviews_queue').execute()
  await db.schema.createIndex('profile_reviews_queue').on('profile_reviews').columns(['org_id', 'state', 'submitted_at', 'id', 'version', 'member_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('profile_reviews_queue').execute()
  await db.schema.createIndex('profile_reviews_queue').on('profile_reviews').columns(['org_id', 'state', 'submitted_at', 'id']).execute()
  await db.schema.dropIndex('transfers_todo').execute()
  await db.schema.createIndex('transfers_todo').on('transfers').columns(['current_org_id', 'waiting_since', 'id']).execute()
}
