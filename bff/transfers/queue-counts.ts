/**
 * Which of an organisation's kept 转接 counts (transfer_queue_counts, migration 0017) an
 * application is in — a pure rule; the counts themselves are kept by insertTransferRows and
 * saveRouteState and read by queueCounts (bff/transfers/repository.ts).
 */
import type { StepRole, TransferStatus } from '../../shared/transfers'

/** Which count an application is in: its pending node's 待审核 or 待分配, or none. */
export interface QueuePlace {
  orgId: number
  box: 'pending' | 'allocate'
}

export function queuePlaceOf(t: { status: TransferStatus; orgId: number | null | undefined; role: StepRole | null | undefined }): QueuePlace | null {
  if (t.status !== 'in_progress' || t.orgId == null || !t.role) return null
  return { orgId: t.orgId, box: t.role === 'allocate' ? 'allocate' : 'pending' }
}

/** What moves make of the kept counts: one change per organisation, moves that cancel out dropped. */
export interface QueueCountChange {
  org_id: number
  pending: number
  allocate: number
}

export function tallyQueueMoves(moves: Iterable<readonly [QueuePlace | null, 1 | -1]>): QueueCountChange[] {
  const byOrg = new Map<number, QueueCountChange>()
  for (const [place, by] of moves) {
    if (!place) continue
    const change = byOrg.get(place.orgId) ?? { org_id: place.orgId, pending: 0, allocate: 0 }
    change[place.box] += by
    byOrg.set(place.orgId, change)
  }
  return [...byOrg.values()].filter((c) => c.pending !== 0 || c.allocate !== 0)
}
