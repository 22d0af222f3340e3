/**
 * Failed PC logins per (login name, source) — docs/DOMAIN.md §1 "Failed PC logins". The name
 * is kept only as a keyed hash (it may be a phone number); a successful login deletes the row.
 */
export interface LoginFailuresTable {
  name_hash: string
  /** The client address as the app sees it (docs/CONTRACT.md `TRUST_PROXY`). */
  source: string
  failures: number
  /** Until when this pair is answered 429 without a password check; null before the 6th failure. */
  delayed_until: string | null
  last_failed_at: string
}
