/**
 * 修改资料: the reviewer sees only the changed fields as 申请项目 | 申请前 | 申请内容
 * (docs/DOMAIN.md §3). Values are kept as the text a person reads (booleans as 是/否), and turned
 * back into column values when an approval applies them. The phone number is sealed
 * (docs/DOMAIN.md §6a): read through memberMobile, written through mobileColumns; it is not
 * a reviewed field, so it never reaches `changes_json`.
 */
import { PROFILE_FIELDS, type ProfileField } from '../../shared/members'
import type { ProfileChange } from '../../shared/api/reviews'
import type { DataCrypto } from '../security/data-crypto'
import { PROFILE_FIELD_COLUMNS, memberMobile, mobileColumns, type MemberRow } from './repository'

const BOOLEAN_FIELDS: ReadonlySet<ProfileField> = new Set(['isCadre', 'cadreInPartyCommittee'])

export interface StoredChange {
  field: ProfileField
  before: string | null
  after: string | null
}

/** A field's value as a person reads it; the sealed phone number is read by diffChanges. */
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
export function diffChanges(crypto: DataCrypto, m: MemberRow, requested: Partial<Record<ProfileField, string | null>>): StoredChange[] {
  const out: StoredChange[] = []
  for (const field of Object.keys(requested) as ProfileField[]) {
    const before = field === 'mobile' ? memberMobile(crypto, m) : displayValue(field, m)
    const after = requested[field] ?? null
    if (before !== after) out.push({ field, before, after })
  }
  return out
}

export function toProfileChanges(stored: StoredChange[]): ProfileChange[] {
  return stored.map((c) => ({ field: c.field, label: PROFILE_FIELDS[c.field].label, before: c.before, after: c.after }))
}

export function columnsFor(crypto: DataCrypto, changes: StoredChange[]): Record<string, string | number | null> {
  return Object.assign({}, ...changes.map((c) =>
    c.field === 'mobile' && c.after !== null
      ? mobileColumns(crypto, c.after)
      : { [PROFILE_FIELD_COLUMNS[c.field]]: columnValue(c.field, c.after) }))
}
