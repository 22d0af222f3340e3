/**
 * How long a (login name, source) pair waits after its failures — docs/DOMAIN.md §1 "Failed
 * PC logins". A pure rule, table-tested in login-delay.test.ts; login-throttle.ts applies it.
 */
const FREE_FAILURES = 5
const FIRST_DELAY_S = 30
const MAX_DELAY_S = 15 * 60

/** Seconds to wait after the `failures`-th failure in a row: 0, then 30 s doubling, at most 15 min. */
export function loginDelaySeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** Math.min(failures - FREE_FAILURES - 1, 20))
}
