import type { Generated } from 'kysely'

/**
 * The notification outbox (issue #6): an event is written in the same transaction as the
 * change that made something pending at an organisation; the delivery worker groups an
 * organisation's unsent events into one WeCom textcard per window.
 */
/** What became pending; `digest` is the daily overdue reminder, `remind` a superior's 催办. */
export type NotificationKind = 'registration' | 'change' | 'transfer' | 'digest' | 'remind'

export interface NotificationEventsTable {
  id: Generated<number>
  org_id: number
  kind: NotificationKind
  object_id: number | null
  title: string
  created_at: string
  delivery_id: number | null
}

export interface NotificationDeliveriesTable {
  id: Generated<number>
  org_id: number
  touser: string
  payload_json: string
  state: 'pending' | 'sent' | 'failed' | 'skipped'
  attempts: Generated<number>
  next_attempt_at: string
  last_error: string | null
  invalid_users: string | null
  msgid: string | null
  created_at: string
  sent_at: string | null
}
