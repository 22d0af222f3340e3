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
