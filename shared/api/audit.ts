import { Type, type Static } from 'typebox'
import { keysOf, Nullable, AccountRef } from './common'
import { CHANNELS } from '../organizations'

export const AUDIT_ACTIONS = {
  'review.submit': '资料审核：团员提交',
  'review.withdraw': '资料审核：团员撤回',
  'review.approve': '资料审核：同意',
  'review.return': '资料审核：退回',
  'review.offline_pass': '实名认证：线下通过',
  'transfer.approve': '组织关系转接：同意',
  'transfer.return': '组织关系转接：退回',
  'transfer.initiate': '组织关系转接：发起',
  'transfer.withdraw': '组织关系转接：撤回',
  'transfer.confirm': '组织关系转接：团员确认',
  'transfer.allocate': '组织关系转接：分配',
  'member.graduation': '团员：预计毕业时间',
  'realname.recheck_pass': '实名认证：系统复核通过',
  'realname.photos_deleted': '实名认证：照片到期删除',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'account.password_change': '修改密码',
  'account.password_reset': '重置运营者密码',
  'account.update': '管理运营者',
  'reasons.update': '修改常用退回原因',
  'backlog.remind': '催办',
  'member.reveal_id': '显示完整身份证号码',
  'background.retry': '后台任务：重试',
} as const
export type AuditAction = keyof typeof AUDIT_ACTIONS

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  account: Nullable(AccountRef),
  action: Type.String(),
  actionLabel: Type.String(),
  objectType: Nullable(Type.String()),
  objectId: Nullable(Type.Integer()),
  summary: Type.String(),
  channel: keysOf(CHANNELS),
  ip: Nullable(Type.String()),
})
export type AuditEntry = Static<typeof AuditEntry>
