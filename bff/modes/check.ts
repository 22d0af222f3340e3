import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { ConfigError, type Config } from '../config'
import { databaseState } from './repository'
import { decideMode } from './decide'

/** Throws the refusal (docs/CONTRACT.md "Modes") when this database may not run with this configuration. */
export async function assertDatabaseFits(db: Kysely<Database>, config: Config): Promise<void> {
  const decision = decideMode({ production: config.production, wecomConfigured: !!config.wecom && !config.demo, databaseUrl: config.databaseUrl, ...(await databaseState(db)) })
  if ('refuse' in decision) throw new ConfigError(decision.refuse)
}
