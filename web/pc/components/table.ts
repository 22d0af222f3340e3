/** Column of a PcTable: a header and how to read a cell (a slot `cell-<key>` may render it instead). */
export interface PcColumn<T> {
  key: string
  title: string
  /** CSS width, e.g. '8em'. */
  width?: string
  value?: (row: T) => string | number | null | undefined
  align?: 'left' | 'center' | 'right'
  /** Wrap long text (default: one line), header included; `maxWidth` caps the column then. */
  wrap?: boolean
  maxWidth?: string
  /**
   * One line cut with "…" at `maxWidth`, the whole text on hover (title) and to screen readers:
   * for organisation names, which have no sensible place to wrap.
   */
  ellipsis?: boolean
}

export type RowKey = string | number

/** What PcTable reads of the list behind it (useCursorPages answers all three). */
export interface TableSource {
  loading: boolean
  error: string | null
  refresh: () => unknown
}
