/**
 * Screen-reader announcements (issue #15; WCAG 2.2 4.1.3 Status Messages): a result that a
 * sighted user learns from a toast or a changed screen — a decision made, a batch's results —
 * is also said, politely, through the app's one live region (AppAnnouncer). The region is
 * mounted with the app and stays: a live region created together with its text is often
 * not read at all.
 */
import { ref } from 'vue'

/** What the live region says now (AppAnnouncer renders it). */
export const announcement = ref('')

let pending: ReturnType<typeof setTimeout> | undefined

/**
 * Says `text` once. The region is emptied first and filled a moment later, so the same words
 * twice in a row (two 已同意 one after another) are still a change a screen reader reads.
 */
export function announce(text: string): void {
  clearTimeout(pending)
  announcement.value = ''
  pending = setTimeout(() => (announcement.value = text), 100)
}

/** "批量退回：成功 3 条，未成功 1 条" — a batch's results in one sentence. */
export function batchSentence(what: string, okWord: string, failWord: string, unit: string, ok: number, failed: number): string {
  return `${what}：${okWord} ${ok} ${unit}${failed ? `，${failWord} ${failed} ${unit}` : ''}`
}
