import type { Generated } from 'kysely'
import type { AccountKind } from '../../../shared/organizations'

export interface AccountsTable {
  id: Generated<number>
  org_id: number
  kind: AccountKind
  name: string
  /** Always null since migration 0012: kept only so old rows can be sealed (sealPersonalData). */
  mobile: string | null
  /** The phone number (the PC login name), encrypted under DATA_KEY (bff/security/data-crypto.ts). */
  mobile_enc: string | null
  /** Its keyed hash: the login's look-up, and UNIQUE (migration 0012). */
  mobile_hash: string | null
  wecom_user_id: string | null
  /** scrypt hash (`scrypt$N$r$p$salt$hash`), null when the account logs in only through WeCom. */
  password_hash: string | null
  /** Installation-wide rights (docs/DOMAIN.md §1 "Root admin"); only ever 1 on an admin. */
  root_admin: Generated<0 | 1>
  notifications_enabled: Generated<0 | 1>
  active: Generated<0 | 1>
  created_at: string
}
