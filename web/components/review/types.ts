/** Why 同意 could not go ahead: the real-name gate (docs/DOMAIN.md §4), with the server's PC link if it sent one. */
export type BlockedBy = { code: 'REALNAME_PENDING' | 'REALNAME_OFFLINE_REQUIRED'; pcUrl?: string }
