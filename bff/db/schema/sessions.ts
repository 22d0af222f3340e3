import type { Channel } from '../../../shared/organizations'

/** Server-side sessions. `id` is the SHA-256 of the cookie value, so a leaked table opens nothing. */
export interface SessionsTable {
  id: string
  account_id: number
  csrf_token: string
  channel: Channel
  created_at: string
  last_seen_at: string
  expires_at: string
}
