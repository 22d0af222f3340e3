/**
 * What each workbench list says when it is empty (issue #15): the title says what is not there,
 * the hint what the list is for, why it may be empty and what to do. Bound onto PcTable as
 * `v-bind="emptyState('reviews-pending', filtered)"`. Words from docs/DOMAIN.md.
 */
import { TRANSFER_OVERDUE_HOURS } from '@shared/limits'

const STATES = {
  members: ['没有符合条件的团员', '本组织及下级组织的团员在智慧团建报到后会出现在这里；团员报到后，在“资料审核”中审核其资料。'],
  'reviews-pending': ['您暂无需要审核的团员资料记录', '团员报到或修改资料后，申请会出现在这里等待本团支部审核；审核过的在“已审核”中。'],
  'reviews-handled': ['暂无已审核的资料记录', '本组织同意或退回过的报到和修改资料申请会列在这里。'],
  'transfers-todo': [
    '您暂无需要审核的转接申请',
    `流转到本组织的组织关系转接申请会出现在这里；超过${TRANSFER_OVERDUE_HOURS}小时未审核的会标为“已超时”。`,
  ],
  'transfers-done': ['暂无已审核的转接申请', '本组织同意或退回过的转接申请会列在这里，点击团员名字可查看转接进度。'],
  'transfers-initiated': ['暂无本组织发起的转接申请', '团支部可以在“我的团员”中选择团员，或点击右上角“发起转接”；团员确认后进入审核。'],
  'transfers-allocate': ['暂无待分配的毕业生', '毕业转入本团委的团员经审核后会出现在这里，由本团委分配到下属团支部。'],
  backlog: ['本组织没有下级组织', '下级组织待审核的团员资料和转接申请会按组织汇总在这里；最末一级的组织没有下级。'],
  audit: ['暂无操作记录', '本组织账号和运营者的审核、转接、账号管理等操作会记录在这里，最新的在最前。'],
  accounts: ['本组织还没有运营者', '点击右上角“新增运营者”，添加可以审核的运营者或只能查看的团干。'],
} as const

export type EmptyList = keyof typeof STATES

/** A search with filters that found nothing: the filters are the likely reason. */
const FILTERED_HINT = '没有符合当前条件的记录。换个姓名或筛选条件再查询，或清空条件查看全部。'

export function emptyState(list: EmptyList, filtered = false): { emptyText: string; emptyHint: string } {
  const [emptyText, hint] = STATES[list]
  return { emptyText, emptyHint: filtered ? FILTERED_HINT : hint }
}
