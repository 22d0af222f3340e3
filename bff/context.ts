import type { Kysely } from 'kysely'
import type { Database } from './db/schema'
import type { DialectName } from './db/dialect'
import type { Clock } from './clock'
import type { DataCrypto } from './security/data-crypto'
import type { Config } from './config'

/** What every service needs: passed explicitly, so tests build one on an in-memory database. */
export interface AppContext {
  db: Kysely<Database>
  dialect: DialectName
  clock: Clock
  crypto: DataCrypto
  config: Config
  /** Wakes the background worker after a commit that enqueued work, so it need not wait for its next poll. */
  wakeWorker?: () => void
}

