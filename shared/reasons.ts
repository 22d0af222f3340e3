import { RETURN_REASON_MAX } from './limits'

/** A return / withdraw / explanation text: required, trimmed, 1..249 characters (docs/DOMAIN.md §3). */
export type ReasonCheck = { ok: true; reason: string } | { ok: false; code: 'REASON_REQUIRED' | 'REASON_TOO_LONG' }

export function checkReason(raw: string | null | undefined): ReasonCheck {
  const reason = (raw ?? '').trim()
  if (reason.length === 0) return { ok: false, code: 'REASON_REQUIRED' }
  // Count characters as people do (code points), not UTF-16 units.
  if ([...reason].length > RETURN_REASON_MAX) return { ok: false, code: 'REASON_TOO_LONG' }
  return { ok: true, reason }
}

/** The offline verification's text is a 说明 (explanation), not a 原因: its messages say so. */
export function offlineExplanationProblem(code: Extract<ReasonCheck, { ok: false }>['code']): string {
  return code === 'REASON_REQUIRED' ? '请填写线下核验说明' : `线下核验说明不能超过${RETURN_REASON_MAX}个字`
}
