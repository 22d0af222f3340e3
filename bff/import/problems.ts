/**
 * The problems of an import file, each naming its JSON path (docs/CONTRACT.md: a bad file is
 * refused with `members[12].idCard: 校验码错误`). The whole file is checked before anything
 * is written, so the list is capped: a file with the same mistake in every row should still
 * answer a readable report, not 50,000 lines.
 */
import { maskIdCard } from '../../shared/idcard'
import type { Problem } from '../members/validate'

export type { Problem }

export const PROBLEMS_MAX = 200

export class ProblemList {
  private readonly items: Problem[] = []
  private overflow = 0

  add(path: string, message: string): void {
    if (this.items.length < PROBLEMS_MAX) this.items.push({ path, message })
    else this.overflow++
  }

  addAll(problems: Problem[]): void {
    for (const p of problems) this.add(p.path, p.message)
  }

  get empty(): boolean {
    return this.items.length === 0
  }

  /** The problems, and one closing line saying how many were left out. */
  list(): Problem[] {
    if (this.overflow === 0) return [...this.items]
    return [...this.items, { path: '', message: `另有 ${this.overflow} 个问题未列出（只列出前 ${PROBLEMS_MAX} 个）` }]
  }
}

/** `members[12].idCard: 校验码错误`; a problem without a path is just its message. */
export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message
}

/** Anything that looks like an ID number, masked: messages echo values, and an ID number may sit in the wrong field. */
export function scrubIdNumbers(text: string): string {
  return text.replace(/\d{14}[\dXx]{1,4}/g, (m) => maskIdCard(m))
}

/** A value quoted for a message: short, and never a full ID number. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  const short = [...text].length > 40 ? `${[...text].slice(0, 40).join('')}…` : text
  return `“${scrubIdNumbers(short)}”`
}
