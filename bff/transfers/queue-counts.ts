/**
 * How many applications wait at each organisation's node (transfer_queue_counts, migration
 * 0017), so 团务管理首页 of a 团委 with thousands waiting reads one row instead of its queue
 * (issue #12). Every write of an application's status or pending node goes through
 * insertTransferRows or saveRouteState, which move the application between counts in the same
 * transaction; an import rebuilds them all. The overdue part is not a count that can be kept
 * (time moves it): it is the count minus those that arrived within the last 48 hours, which
 * reads only the recent arrivals — bounded by the season's pace, not by the backlog.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { STEP_ROLES, type StepRole, type TransferStatus } from '../../shared/transfers'

type Db = Kysely<Database> | Transaction<Database>

/** Which count an application is in: its pending node's 待审核 or 待分配, or none. */
export interface QueuePlace {
  orgId: number
  box: 'pending' | 'allocate'
}

export function queuePlaceOf(t: { status: TransferStatus; orgId: number | null | undefined; role: StepRole | null | undefined }): QueuePlace | null {
  if (t.status !== 'in_progress' || t.orgId == null || !t.role) return null
  return { orgId: t.orgId, box: t.role === 'allocate' ? 'allocate' : 'pending' }
}

/** Moves one application from one count to another (either may be none). */
export async function moveInQueueCounts(trx: Transaction<Database>, from: QueuePlace | null, to: QueuePlace | null): Promise<void> {
  if (from?.orgId === to?.orgId && from?.box === to?.box) return
  if (from) await addToCount(trx, from, -1)
  if (to) await addToCount(trx, to, 1)
}

async function addToCount(trx: Transaction<Database>, place: QueuePlace, by: 1 | -1): Promise<void> {
  const row = { org_id: place.orgId, pending: place.box === 'pending' ? by : 0, allocate: place.box === 'allocate' ? by : 0 }
  await trx
    .insertInto('transfer_queue_counts')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet((eb) => ({
        pending: eb('transfer_queue_counts.pending', '+', eb.ref('excluded.pending')),
        allocate: eb('transfer_queue_counts.allocate', '+', eb.ref('excluded.allocate')),
      })),
    )
    .execute()
}

/** Every count again from the applications (after an import, which writes them in bulk). */
export async function rebuildQueueCounts(trx: Transaction<Database>): Promise<void> {
  await trx.deleteFrom('transfer_queue_counts').execute()
  await sql`insert into transfer_queue_counts (org_id, pending, allocate)
    select current_org_id,
      sum(case when current_role = 'allocate' then 0 else 1 end),
      sum(case when current_role = 'allocate' then 1 else 0 end)
    from transfers where status = 'in_progress' and current_org_id is not null group by current_org_id`.execute(trx)
}

const ROLES = Object.keys(STEP_ROLES) as StepRole[]

/**
 * 待审核 and 待分配 of an organisation with how many of each wait since before `overdueBefore`
 * (docs/DOMAIN.md §6): the kept counts, minus the recent arrivals read over index
 * transfers_todo_counts (current_org_id, status, current_role, waiting_since).
 */
export async function queueCounts(db: Db, orgId: number, overdueBefore: string) {
  const [kept, recent] = await Promise.all([
    db.selectFrom('transfer_queue_counts').select(['pending', 'allocate']).where('org_id', '=', orgId).executeTakeFirst(),
    db
      .selectFrom('transfers')
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.sum<number>(eb.case().when('current_role', '=', 'allocate').then(1).else(0).end()).as('allocate'),
      ])
      .where('current_org_id', '=', orgId)
      .where('status', '=', 'in_progress')
      // Every role spelled out: the index then gives one range per role, from the bound on.
      .where('current_role', 'in', ROLES)
      .where('waiting_since', '>=', overdueBefore)
      .executeTakeFirstOrThrow(),
  ])
  const pending = Number(kept?.pending ?? 0)
  const allocate = Number(kept?.allocate ?? 0)
  const recentAllocate = Number(recent.allocate ?? 0)
  const recentPending = Number(recent.all ?? 0) - recentAllocate
  return { pending, overdue: pending - recentPending, allocate, allocateOverdue: allocate - recentAllocate }
}
