/**
 * Reading one record of the import file field by field. Each reader reports a Chinese
 * problem at the field's JSON path and answers the value, or null when the field is absent
 * or wrong — callers skip the checks that need a value they did not get.
 */
import { ProblemList, shown } from './problems'

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
/** ISO 8601 with a date, a time and an offset (a time without an offset is ambiguous). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const chars = (s: string) => [...s].length

export class FieldReader {
  constructor(
    readonly record: Record<string, unknown>,
    readonly base: string,
    readonly problems: ProblemList,
    allowed: readonly string[],
  ) {
    // A misspelt optional field would otherwise be dropped without a word.
    for (const key of Object.keys(record)) if (!allowed.includes(key)) problems.add(this.path(key), '未知字段')
  }

  path(name: string): string {
    return `${this.base}.${name}`
  }

  /** Present and not null. */
  has(name: string): boolean {
    return this.record[name] !== undefined && this.record[name] !== null
  }

  private absent(name: string, required: boolean): boolean {
    if (this.has(name)) return false
    if (required) this.problems.add(this.path(name), '缺少必填项')
    return true
  }

  text(name: string, opts: { required?: boolean; max: number }): string | null {
    if (this.absent(name, opts.required ?? false)) return null
    const v = this.record[name]
    if (typeof v !== 'string') return this.fail(name, '应为文本')
    if (v.trim().length === 0) return this.fail(name, '不能为空')
    if (chars(v) > opts.max) return this.fail(name, `不能超过${opts.max}个字符`)
    return v
  }

  /** A text that must match `pattern`; `message` says what was expected. */
  pattern(name: string, pattern: RegExp, message: string, required = false): string | null {
    if (this.absent(name, required)) return null
    const v = this.record[name]
    if (typeof v !== 'string') return this.fail(name, '应为文本')
    if (!pattern.test(v)) return this.fail(name, message)
    return v
  }

  /** One of a reference list of Chinese names (民族, 学历, …). */
  choice<T extends string>(name: string, values: readonly T[], what: string, required = false): T | null {
    if (this.absent(name, required)) return null
    const v = this.record[name]
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T
    const hint = values.length <= 8 ? `，应为：${values.join('、')}` : ''
    return this.fail(name, `${shown(v)}不是有效的${what}${hint}`)
  }

  /** One of the codes of a vocabulary (`{code: label}`); the message lists code（label）. */
  code<T extends string>(name: string, vocab: Readonly<Record<T, string>>, what: string, required = false): T | null {
    if (this.absent(name, required)) return null
    const v = this.record[name]
    if (typeof v === 'string' && Object.hasOwn(vocab, v)) return v as T
    const list = (Object.entries(vocab) as [string, string][]).map(([c, l]) => `${c}（${l}）`).join('、')
    return this.fail(name, `${shown(v)}不是有效的${what}，应为：${list}`)
  }

  bool(name: string): boolean | null {
    if (this.absent(name, false)) return null
    const v = this.record[name]
    return typeof v === 'boolean' ? v : this.fail(name, '应为 true 或 false')
  }

  integer(name: string, min: number, max: number): number | null {
    if (this.absent(name, false)) return null
    const v = this.record[name]
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(name, '应为整数')
    if (v < min || v > max) return this.fail(name, `应在 ${min} 到 ${max} 之间`)
    return v
  }

  yearMonth(name: string, required = false): string | null {
    return this.pattern(name, YEAR_MONTH, '格式应为 yyyy-MM', required)
  }

  /** An ISO 8601 time, not later than `now`, answered as `toISOString()`. */
  time(name: string, now: Date, required = false): string | null {
    if (this.absent(name, required)) return null
    const v = this.record[name]
    if (typeof v !== 'string' || !ISO_TIME.test(v) || Number.isNaN(Date.parse(v))) {
      return this.fail(name, '时间格式错误，应为 ISO 8601（如 2026-11-20T08:00:00Z）')
    }
    const t = new Date(v)
    if (t.getTime() > now.getTime()) return this.fail(name, '时间不能晚于当前时间')
    return t.toISOString()
  }

  private fail(name: string, message: string): null {
    this.problems.add(this.path(name), message)
    return null
  }
}

/** The records of a section, or none when the section is not an array (reported). */
export interface SectionRecord {
  record: Record<string, unknown>
  /** `members[12]` */
  base: string
  /** Position in the file's array. */
  index: number
}

export function sectionRecords(file: Record<string, unknown>, section: string, problems: ProblemList): SectionRecord[] {
  const value = file[section]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    problems.add(section, '应为数组')
    return []
  }
  const out: SectionRecord[] = []
  value.forEach((item, index) => {
    const base = `${section}[${index}]`
    if (isRecord(item)) out.push({ record: item, base, index })
    else problems.add(base, '应为对象')
  })
  return out
}
