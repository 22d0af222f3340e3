/**
 * `npm run import` and the demo's first start, in one function: check the whole file against
 * what the database holds, then migrate (a new database) and load it in one transaction
 * (docs/CONTRACT.md "Import file"), then give the planner fresh statistics. A refused file
 * leaves a new database without even its tables.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { DataCrypto } from '../security/data-crypto'
import { migrateToLatest } from '../db/migrations'
import { refreshPlannerStatistics } from '../db/dialect'
import type { ImportCounts } from './format'
import { EMPTY_EXISTING } from './existing'
import { assertDataKeyMatches, readExisting } from './read-existing'
import { validateImportFile } from './validate'
import { loadImportFile, type ImportOptions } from './load'
import { hasTables } from './repository'
import { sealPersonalData } from '../members/seal'
import type { Problem } from './problems'

export type ImportOutcome = { ok: true; counts: ImportCounts; ms: number } | { ok: false; problems: Problem[] }

export async function runImport(db: Kysely<Database>, crypto: DataCrypto, input: unknown, opts: ImportOptions = {}): Promise<ImportOutcome> {
  const started = performance.now()
  const now = opts.now ?? new Date()
  const migrated = await hasTables(db)
  if (migrated) {
    await migrateToLatest(db)
    await assertDataKeyMatches(db, crypto)
    await sealPersonalData(db, crypto)
  }
  const existing = migrated ? await readExisting(db, crypto, input) : EMPTY_EXISTING
  const checked = validateImportFile(input, { existing, now })
  if (!checked.ok) return checked
  if (!migrated) await migrateToLatest(db)
  const counts = await loadImportFile(db, crypto, checked.file, { ...opts, now })
  await refreshPlannerStatistics(db)
  return { ok: true, counts, ms: performance.now() - started }
}

/** Records of the file written per second. */
export function rowsPerSecond(counts: ImportCounts, ms: number): number {
  return Math.round(counts.rows / Math.max(ms, 1) * 1000)
}
