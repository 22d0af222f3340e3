/**
 * When failed real-name checks are re-checked (docs/DOMAIN.md §4, docs/CONTRACT.md
 * REALNAME_RECHECK_DELAYS): at fixed delays after submission, all within 24 hours.
 */
export function nextRecheckAt(submittedAt: string, delaysMs: number[], now: Date): string | null {
  const t0 = new Date(submittedAt).getTime()
  for (const d of [...delaysMs].sort((a, b) => a - b)) {
    if (t0 + d > now.getTime()) return new Date(t0 + d).toISOString()
  }
  return null
}
