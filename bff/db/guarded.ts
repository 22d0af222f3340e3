/**
 * The one conflict idiom (docs/ARCHITECTURE.md): a write that must not overwrite someone else's
 * decision is guarded by what it read (`… WHERE version = :read`). If it changed no row,
 * someone else decided first: that is a `StaleError`, answered 409 by the one error handler.
 */
import type { DeleteResult, UpdateResult } from 'kysely'
import { StaleError } from '../errors'

/** How many rows an UPDATE or DELETE changed (a bigint in Kysely). */
export function rowsChanged(res: UpdateResult | DeleteResult): number {
  return Number('numUpdatedRows' in res ? res.numUpdatedRows : res.numDeletedRows)
}

/** A guarded write that changed no row lost a race: throws `StaleError` (409). */
export function expectChanged(res: UpdateResult | DeleteResult, message?: string): void {
  if (rowsChanged(res) !== 1) throw new StaleError(message)
}
