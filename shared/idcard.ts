/**
 * 居民身份证号码 rules (GB 11643-1999): 17 digits + check character, birth date inside.
 * Pure functions, used by the import, the integration API, the local real-name provider and the UI.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** The check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

export type IdCardProblem = '格式错误' | '出生日期无效' | '校验码错误'

/** Checks a resident ID number; returns the problem in Chinese, or null when valid. */
export function idCardProblem(idCard: string, today = new Date()): IdCardProblem | null {
  if (!/^\d{17}[\dX]$/.test(idCard)) return '格式错误'
  const birth = idCardBirthDate(idCard)
  if (!birth) return '出生日期无效'
  const d = new Date(`${birth}T00:00:00Z`)
  if (d.getTime() > today.getTime() || d.getUTCFullYear() < 1900) return '出生日期无效'
  if (idCardCheckChar(idCard.slice(0, 17)) !== idCard[17]) return '校验码错误'
  return null
}

/** yyyy-MM-dd from digits 7–14, or null when it is not a real date. */
export function idCardBirthDate(idCard: string): string | null {
  const y = Number(idCard.slice(6, 10))
  const m = Number(idCard.slice(10, 12))
  const day = Number(idCard.slice(12, 14))
  const d = new Date(Date.UTC(y, m - 1, day))
  if (d.getUTCFullYear() !== y || d.getUTCMonth() !== m - 1 || d.getUTCDate() !== day) return null
  return `${idCard.slice(6, 10)}-${idCard.slice(10, 12)}-${idCard.slice(12, 14)}`
}

/** The 17th digit: odd = male, even = female. */
export function idCardGender(idCard: string): 'male' | 'female' {
  return Number(idCard[16]) % 2 === 1 ? 'male' : 'female'
}

/** Normalises user input: trims and upper-cases the trailing x. */
export function normalizeIdCard(raw: string): string {
  return raw.trim().toUpperCase()
}

/**
 * `4403**********1234` — never show an ID number in full in lists (docs/DOMAIN.md §2). Short
 * numbers (境外身份证, passports) show only their last quarter, so most stays hidden.
 */
export function maskIdCard(idCard: string): string {
  if (idCard.length >= 15) return idCard.slice(0, 4) + '*'.repeat(idCard.length - 8) + idCard.slice(-4)
  const keep = Math.floor(idCard.length / 4)
  return '*'.repeat(idCard.length - keep) + (keep ? idCard.slice(-keep) : '')
}

/** `138****5678`. */
export function maskMobile(mobile: string): string {
  if (mobile.length < 7) return '*'.repeat(mobile.length)
  return mobile.slice(0, 3) + '****' + mobile.slice(-4)
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/
