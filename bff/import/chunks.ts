/**
 * Batching for the import. A multi-row INSERT binds rows × columns variables; SQLite allows
 * 32,766 and PostgreSQL 65,535, so a batch stays under 30,000 whatever the table's width.
 */
const MAX_VARIABLES = 30_000
const MAX_ROWS = 500

/** `IN (…)` lists of look-ups stay well inside both limits. */
export const IN_LIST_SIZE = 500

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Rows per INSERT for rows of `columns` values. */
function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / Math.max(1, columns))))
}

/** Rows in batches of a size that fits the variable limit, one statement per batch, in order. */
export async function inBatches<T extends object>(rows: readonly T[], write: (batch: T[]) => Promise<void>): Promise<void> {
  if (rows.length === 0) return
  const size = rowsPerInsert(Object.keys(rows[0]).length)
  for (const batch of chunked(rows, size)) await write(batch)
}
