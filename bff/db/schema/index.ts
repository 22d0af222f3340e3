import type { OrganizationsTable } from './organizations'
import type { AccountsTable } from './accounts'
import type { MembersTable } from './members'
import type { ProfileReviewsTable } from './profile-reviews'
import type { TransfersTable, TransferStepsTable } from './transfers'
import type { AuditLogTable } from './audit-log'
import type { SessionsTable } from './sessions'
import type { JobsTable } from './jobs'
import type { AppMetaTable } from './app-meta'
import type { OfflineVerificationsTable, OfflinePhotosTable } from './offline'
import type { ReturnReasonPresetsTable, RemindersTable } from './backlog'
import type { NotificationEventsTable, NotificationDeliveriesTable } from './notifications'
import type { LoginFailuresTable } from './login-failures'
import type { TransferQueueCountsTable } from './transfer-queue-counts'

export interface Database {
  organizations: OrganizationsTable
  accounts: AccountsTable
  members: MembersTable
  profile_reviews: ProfileReviewsTable
  transfers: TransfersTable
  transfer_steps: TransferStepsTable
  audit_log: AuditLogTable
  sessions: SessionsTable
  jobs: JobsTable
  app_meta: AppMetaTable
  offline_verifications: OfflineVerificationsTable
  offline_photos: OfflinePhotosTable
  notification_events: NotificationEventsTable
  notification_deliveries: NotificationDeliveriesTable
  return_reason_presets: ReturnReasonPresetsTable
  reminders: RemindersTable
  login_failures: LoginFailuresTable
  transfer_queue_counts: TransferQueueCountsTable
}
