/**
 * 修改资料: the reviewer sees only the changed fields as 申请项目 | 申请前 | 申请内容
 * (docs/DOMAIN.md §3). Values are kept as the text a person reads (booleans as 是/否), and turned
 * back into column values when an approval applies them.
 */
import { PROFILE_FIELDS, type ProfileField } from '../../shared/members'
import type { ProfileChange } from '../../shared/api/reviews'
import { PROFILE_FIELD_COLUMNS, type MemberRow } from './repository'

const BOOLEAN_FIELDS: ReadonlySet<ProfileField> = new Set(['isCadre', 'cadreInPartyCommittee'])

export interface StoredChange {
  field: ProfileField
  before: string | null
  after: string | null
}

export function displayValue(field: ProfileField, m: MemberRow): string | null {
  const v = m[PROFILE_FIELD_COLUMNS[field]]
  if (v === null || v === undefined) return null
  if (BOOLEAN_FIELDS.has(field)) return v === 1 ? '是' : '否'
  return String(v)
}

function columnValue(field: ProfileField, display: string | null): string | number | null {
  if (display === null) return null
  if (BOOLEAN_FIELDS.has(field)) return display === '是' ? 1 : 0
  return display
}

/** Only the fields whose value really changes. */
export function diffChanges(m: MemberRow, requested: Partial<Record<ProfileField, string | null>>): StoredChange[] {
  const out: StoredChange[] = []
  for (const field of Object.keys(requested) as ProfileField[]) {
    const before = displayValue(field, m)
    const after = requested[field] ?? null
    if (before !== after) out.push({ field, before, after })
  }
  return out
}

export function toProfileChanges(stored: StoredChange[]): ProfileChange[] {
  return stored.map((c) => ({ field: c.field, label: PROFILE_FIELDS[c.field].label, before: c.before, after: c.after }))
}

export function columnsFor(changes: StoredChange[]): Record<string, string | number | null> {
  return Object.fromEntries(changes.map((c) => [PROFILE_FIELD_COLUMNS[c.field], columnValue(c.field, c.after)]))
}
