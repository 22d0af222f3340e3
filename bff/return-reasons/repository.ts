/** 常用退回原因 (docs/DOMAIN.md §5b): the preset lists and an operator's own past reasons. SQL only. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { ReasonKind } from '../../shared/api/return-reasons'

type Db = Kysely<Database> | Transaction<Database>

export async function listPresets(db: Db, kind: ReasonKind): Promise<string[]> {
  const rows = await db.selectFrom('return_reason_presets').select('text').where('kind', '=', kind).orderBy('position').execute()
  return rows.map((r) => r.text)
}

export async function replacePresets(trx: Transaction<Database>, kind: ReasonKind, texts: string[]): Promise<void> {
  await trx.deleteFrom('return_reason_presets').where('kind', '=', kind).execute()
  if (texts.length === 0) return
  await trx.insertInto('return_reason_presets').values(texts.map((text, position) => ({ kind, position, text }))).execute()
}

/**
 * The account's last `limit` distinct return reasons of a kind, most recent use first. One
 * grouped query over the account's own returns (index decided_by, state, decided_at).
 */
export async function recentReasons(db: Db, kind: ReasonKind, accountId: number, limit: number): Promise<string[]> {
  // Both tables keep a decided step's reason the same way: one query, the table by kind.
  const table = kind === 'profile' ? 'profile_reviews' : 'transfer_steps'
  const rows = await db
    .selectFrom(table)
    .select((eb) => ['reason', eb.fn.max('decided_at').as('last')])
    .where('decided_by', '=', accountId)
    .where('state', '=', 'returned')
    .where('reason', 'is not', null)
    .groupBy('reason')
    .orderBy('last', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => r.reason!)
}
