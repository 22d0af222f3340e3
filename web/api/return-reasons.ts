import type { ReasonKind, ReturnReasons } from '@shared/api/return-reasons'
import { request } from './http'

/** 常用退回原因: the presets of a kind and my own recent reasons (docs/DOMAIN.md §5b). */
export const getReturnReasons = (kind: ReasonKind) => request<ReturnReasons>('GET', '/api/return-reasons', { query: { kind } })

/** The root admin replaces the preset list of a kind. */
export const savePresets = (kind: ReasonKind, presets: string[]) =>
  request<ReturnReasons>('PUT', '/api/return-reasons/presets', { body: { kind, presets } })
