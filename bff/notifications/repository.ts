/** Who receives an organisation's WeCom messages. SQL only. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** Active operators and admins of the organisation with WeCom bound and notifications on. */
export async function notifiedAccounts(db: Db, orgId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('wecom_user_id')
    .where('org_id', '=', orgId)
    .where('kind', 'in', ['operator', 'admin'])
    .where('active', '=', 1)
    .where('notifications_enabled', '=', 1)
    .where('wecom_user_id', 'is not', null)
    .execute()
  return rows.map((r) => r.wecom_user_id!)
}
