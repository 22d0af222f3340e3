/** An answer of PcSearchPicker. */
export interface PickerOption {
  value: string
  label: string
  sub?: string
  /** Shown but not choosable, with the reason. */
  disabledReason?: string
}
