/**
 * Opaque keyset cursors (docs/ARCHITECTURE.md: every list cursor-paged over an index). A cursor is
 * the sort key of the last row served; a tampered cursor is a 400, never a crash.
 */
import { PAGE_LIMIT_DEFAULT } from '../shared/limits'
import { AppError } from './errors'

export type CursorKey = [string | number, number]

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && Number.isInteger(v[1])) {
      return v as CursorKey
    }
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION', 'cursor: 分页参数无效，请刷新列表', { fields: [{ path: 'cursor', message: '分页参数无效' }] })
}

/** Fetch `limit + 1` rows; the extra row tells whether there is a next page. */
export function pageOf<Row, Item>(rows: Row[], limit: number, toItem: (r: Row) => Item, keyOf: (r: Row) => CursorKey) {
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  return {
    items: page.map(toItem),
    nextCursor: more ? encodeCursor(keyOf(page[page.length - 1])) : null,
  }
}

export const limitOf = (limit: number | undefined) => limit ?? PAGE_LIMIT_DEFAULT
