/** Limits both sides enforce. docs/DOMAIN.md §3–§5. */

/** Return / withdraw / offline-verification reasons: trimmed, 1..249 characters. */
export const RETURN_REASON_MAX = 249
/** "其他原因" transfers need an explanation of at least this many characters (docs/DOMAIN.md §5). */
export const TRANSFER_OTHER_CAUSE_MIN = 10
/** A transfer node waiting longer than this is overdue (及时响应 rule, docs/DOMAIN.md §5). */
export const TRANSFER_OVERDUE_HOURS = 48
/** Offline real-name verification: number and size of photos (docs/DOMAIN.md §4, issue #5). */
export const OFFLINE_PHOTOS_MIN = 1
export const OFFLINE_PHOTOS_MAX = 8
export const OFFLINE_PHOTO_MAX_BYTES = 5 * 1024 * 1024
/** List pages (docs/CONTRACT.md: limit ≤ 100). */
export const PAGE_LIMIT_DEFAULT = 20
export const PAGE_LIMIT_MAX = 100
/** Batch transfer decisions (docs/CONTRACT.md: ≤ 200 items). */
export const BATCH_MAX = 200
/** PC passwords (issue #5). */
export const PASSWORD_MIN = 8
/** Minimum age at joining the League (docs/DOMAIN.md §2). */
export const JOIN_AGE_MIN = 14

/** The time before which a waiting item is overdue (the 48-hour 及时响应 rule, docs/DOMAIN.md §5). */
export const overdueCutoff = (now: Date): string => new Date(now.getTime() - TRANSFER_OVERDUE_HOURS * 3_600_000).toISOString()
/** 显示完整号码: full ID numbers one account may ask for per hour (docs/DOMAIN.md §6a). */
export const REVEAL_ID_PER_HOUR = 20
/** 修改密码: attempts (right or wrong current password) one account may make per hour. */
export const PASSWORD_CHANGES_PER_HOUR = 5
