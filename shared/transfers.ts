/** 组织关系转接 vocabulary. docs/DOMAIN.md §5. */

export const TRANSFER_KINDS = { in_province: '省内转接', out_of_province: '转出省外' } as const
export type TransferKind = keyof typeof TRANSFER_KINDS

/** A 转出省外 ends at an organisation of another province, not at a 团支部 here (docs/DOMAIN.md §5). */
export const targetLabel = (kind: TransferKind) => (kind === 'out_of_province' ? '转入省外组织' : '转入团支部')
/** The target's name in a table whose column says 转入团支部: an out-of-province one is marked. */
export const targetName = (t: { kind: TransferKind; toOrg: { name: string } }) => (t.kind === 'out_of_province' ? `${t.toOrg.name}（省外组织）` : t.toOrg.name)

/** `毕业` (docs/DOMAIN.md §5a) may target a 团委/团工委, which then allocates the graduate. */
export const TRANSFER_CAUSES = ['就业/工作调动', '升学/转学', '毕业', '其他原因'] as const
export type TransferCause = (typeof TRANSFER_CAUSES)[number]
export const GRADUATION_CAUSE = '毕业' satisfies TransferCause

/** Organisation types a 毕业 transfer may target besides a 团支部 (docs/DOMAIN.md §5a). */
export const ALLOCATING_ORG_TYPES: readonly string[] = ['committee', 'working_committee']

export const TRANSFER_INITIATORS = { member: '团员', branch: '团支部' } as const
export type TransferInitiator = keyof typeof TRANSFER_INITIATORS

export const STEP_ROLES = {
  out_branch: '转出团支部',
  out_parent: '转出团支部的上级',
  in_branch: '转入团支部',
  in_parent: '转入团支部的上级',
  in_committee: '转入团委',
  allocate: '待分配',
} as const
export type StepRole = keyof typeof STEP_ROLES

export const TRANSFER_STATUSES = {
  in_progress: '审核中',
  awaiting_member: '待团员确认',
  completed: '接转成功',
  returned: '已退回（流程结束）',
  withdrawn: '已撤回',
} as const
export type TransferStatus = keyof typeof TRANSFER_STATUSES

export const STEP_STATES = {
  waiting: '未开始',
  pending: '待审核',
  approved: '同意',
  returned: '退回',
  skipped: '无需审核',
} as const
export type StepState = keyof typeof STEP_STATES

/** Transfer boxes of an organisation. docs/CONTRACT.md `GET /api/transfers?box=`. */
export const TRANSFER_BOXES = { todo: '待审核', done: '已审核', initiated: '发起记录', allocate: '待分配' } as const
export type TransferBox = keyof typeof TRANSFER_BOXES
