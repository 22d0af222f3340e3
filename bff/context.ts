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
  /** Called after a registration commits, to start its real-name check (issue #6 replaces the in-process default with persisted jobs). */
  onRegistrationSubmitted?: (memberId: number) => void
}

export const iso = (d: Date) => d.toISOString()
