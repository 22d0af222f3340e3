/** Dates and durations as the operators read them. Times from the API are ISO 8601. */
const pad = (n: number) => String(n).padStart(2, '0')

/** 2026-11-24 09:05 (local time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** 2026-11-24 (local time). */
export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10)
}

/** "已等待2天3小时", "已等待5小时", "已等待不到1小时". */
export function waitedLabel(sinceIso: string | null | undefined, now = Date.now()): string {
  if (!sinceIso) return ''
  const hours = Math.floor((now - new Date(sinceIso).getTime()) / 3_600_000)
  if (hours < 1) return '已等待不到1小时'
  if (hours < 24) return `已等待${hours}小时`
  const days = Math.floor(hours / 24)
  const rest = hours % 24
  return rest ? `已等待${days}天${rest}小时` : `已等待${days}天`
}

/** "是" / "否" / "—". */
export function yesNo(v: boolean | null | undefined): string {
  return v === true ? '是' : v === false ? '否' : '—'
}

export const orDash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v)
