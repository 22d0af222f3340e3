import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { RouteState } from './route'
import { recordPending } from '../notifications/repository'

/** A transfer reached a node: the organisation of that node gets a notification event. */
export async function notifyCurrentNode(
  trx: Transaction<Database>,
  state: Pick<RouteState, 'currentSeq'> & { steps: { seq: number; orgId: number }[] },
  transferId: number,
  memberName: string,
  at: string,
): Promise<void> {
  const node = state.steps.find((s) => s.seq === state.currentSeq)
  if (!node) return
  await recordPending(trx, { orgId: node.orgId, kind: 'transfer', objectId: transferId, title: `${memberName}的组织关系转接申请`, at })
}
