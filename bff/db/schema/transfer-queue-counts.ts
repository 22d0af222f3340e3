/**
 * How many 转接 applications wait at each organisation's node (migration 0017), kept with every
 * change of an application by saveRouteState and insertTransferRows (bff/transfers/repository.ts); 团务管理首页 reads it instead of
 * counting the queue.
 */
export interface TransferQueueCountsTable {
  org_id: number
  /** Waiting for this organisation's decision (待审核). */
  pending: number
  /** Graduates waiting for this 团委 to place them (待分配, docs/DOMAIN.md §5a). */
  allocate: number
}
