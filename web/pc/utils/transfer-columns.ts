/**
 * 组织关系转接 columns (issue #5): 姓名 | 状态 | 学习工作单位 | 转出团支部 | 转出团支部的上级 |
 * 转入团支部 | 转入团支部的上级 | 流转至本组织待办日期.
 */
import type { TransferItem } from '@shared/api/transfers'
import { STEP_ROLES, TRANSFER_STATUSES, targetName } from '@shared/transfers'
import { formatDateTime } from '@/utils/format'
import type { PcColumn } from '../components/table'

/** 审核中 names the node it waits at: "待转出团支部的上级审核". */
export function transferStatusText(t: Pick<TransferItem, 'status' | 'currentStep'>): string {
  if (t.status === 'in_progress' && t.currentStep) return `待${STEP_ROLES[t.currentStep.role]}审核`
  return TRANSFER_STATUSES[t.status]
}

export const TRANSFER_COLUMNS: PcColumn<TransferItem>[] = [
  { key: 'name', title: '姓名', value: (t) => t.member.name },
  { key: 'status', title: '状态', value: transferStatusText, wrap: true, maxWidth: '8em' },
  { key: 'studyWorkUnit', title: '学习工作单位', value: (t) => t.studyWorkUnit, wrap: true, maxWidth: '10em' },
  { key: 'fromOrg', title: '转出团支部', value: (t) => t.fromOrg.name, ellipsis: true, maxWidth: '12em' },
  { key: 'fromParent', title: '转出团支部的上级', value: (t) => t.fromParent?.name, ellipsis: true, maxWidth: '12em' },
  { key: 'toOrg', title: '转入团支部', value: targetName, ellipsis: true, maxWidth: '12em' },
  { key: 'toParent', title: '转入团支部的上级', value: (t) => t.toParent?.name, ellipsis: true, maxWidth: '12em' },
  {
    key: 'waitingSince',
    title: '流转至本组织待办日期',
    value: (t) => (t.waitingSince ? formatDateTime(t.waitingSince) : ''),
    wrap: true,
    maxWidth: '8em',
  },
]
