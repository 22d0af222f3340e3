/** What the database says about itself (migration 0006 `app_meta`), for the start-up mode. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export async function databaseState(db: Kysely<Database>): Promise<{ demoMarked: boolean; empty: boolean }> {
  const [mode, anyOrg] = await Promise.all([
    db.selectFrom('app_meta').select('value').where('key', '=', 'mode').executeTakeFirst(),
    db.selectFrom('organizations').select('id').limit(1).executeTakeFirst(),
  ])
  return { demoMarked: mode?.value === 'demo', empty: !anyOrg }
}

/** Written before the demo data is loaded: an empty database marked demo just loads it again. */
export async function markDemo(db: Kysely<Database>): Promise<void> {
  await db.insertInto('app_meta').values({ key: 'mode', value: 'demo' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: 'demo' })).execute()
}
