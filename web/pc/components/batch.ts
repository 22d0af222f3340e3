import type { BatchResult, TransferItem } from '@shared/api/transfers'

/** What PcBatchDialog lists before a run (the selected rows) and after it (a result per row). */
export interface BatchName {
  key: number
  name: string
  /** Shown after the name in brackets, e.g. the organisation a graduate comes from. */
  note?: string
}

export interface BatchOutcome {
  key: number
  name: string
  ok: boolean
  /** The 结果 column: e.g. 已同意, 未成功. */
  outcome: string
  /** The 说明 column of a failed row. */
  message?: string
}

/** The words of one batch dialog: the list's accessible name and the summary's [succeeded, failed, unit]. */
export interface BatchWords {
  names: string
  summary: readonly [string, string, string]
}

/** A result per transfer application (审核, 分配), named by the member as the list showed them. */
export function transferOutcomes(items: TransferItem[], results: BatchResult['results'] | null, outcome: (ok: boolean) => string): BatchOutcome[] | null {
  const byId = new Map(items.map((t) => [t.id, t.member.name]))
  return (
    results?.map((r) => ({
      key: r.id,
      name: r.memberName ?? byId.get(r.id) ?? `申请 #${r.id}`,
      ok: r.ok,
      outcome: outcome(r.ok),
      message: r.message ?? '处理失败',
    })) ?? null
  )
}
