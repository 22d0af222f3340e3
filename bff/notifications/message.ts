/**
 * The WeCom textcard an organisation's reviewers receive (docs/WECOM.md §7), pure. The link goes
 * through /auth/login so a tap in WeCom signs the reviewer in and lands on the right page.
 */
import { escapeHtml } from '../../shared/html'
import type { NotificationKind } from '../db/schema/notifications'

export interface PendingEvent {
  kind: NotificationKind
  title: string
}

const KIND_LABEL = { registration: '团员报到', change: '修改资料', transfer: '组织关系转接' } as const

export function buildTextcard(events: PendingEvent[], publicBaseUrl: string, now: Date) {
  // Reminders (the daily digest, a superior's 催办) are highlighted lines, not new items.
  const digest = events.filter((e) => e.kind === 'digest' || e.kind === 'remind')
  const reminded = events.some((e) => e.kind === 'remind')
  const items = events.filter((e) => e.kind !== 'digest' && e.kind !== 'remind') as (PendingEvent & { kind: keyof typeof KIND_LABEL })[]
  const counts = (Object.keys(KIND_LABEL) as (keyof typeof KIND_LABEL)[])
    .map((k) => [k, items.filter((e) => e.kind === k).length] as const)
    .filter(([, n]) => n > 0)
  const onlyTransfers = items.length > 0 && items.every((e) => e.kind === 'transfer')
  // A 催办 names both queues: it opens 团务管理首页, where both counts are.
  const page = items.length === 0 && reminded ? '/#/' : onlyTransfers || (items.length === 0 && digest.length > 0) ? '/#/transfers' : '/#/reviews'
  const url = `${publicBaseUrl}/auth/login?next=${encodeURIComponent(page)}`
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
  const lines = [
    `<div class="gray">${day}</div>`,
    ...counts.map(([k, n]) => `<div class="normal">${KIND_LABEL[k]}：${n}条待审核</div>`),
    ...items.slice(0, 3).map((e) => `<div class="normal">· ${escapeHtml(e.title)}</div>`),
    ...digest.map((e) => `<div class="highlight">${escapeHtml(e.title)}</div>`),
  ]
  const title = items.length > 0 ? `您有${items.length}条新的待审核事项` : reminded ? '催办：上级团组织提醒您及时处理待办' : '催办：有待办超过48小时未处理'
  return {
    msgtype: 'textcard' as const,
    textcard: { title, description: lines.join('').slice(0, 512), url, btntxt: '去审核' },
  }
}
