/** Facts about the database itself (migration 0006), e.g. `mode = demo`. */
export interface AppMetaTable {
  key: string
  value: string
}
