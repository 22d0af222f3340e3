/**
 * The 转入组织 a 团支部 may pick when it starts a transfer (docs/DOMAIN.md §5, §5a): any 团支部
 * but its own, and for 毕业 also a 团委/团工委 (which then allocates the graduate). Others are
 * shown greyed with the reason, so the operator learns the rule instead of finding nothing.
 */
import type { OrgSearchItem } from '@shared/api/orgs'
import { ORG_TYPES } from '@shared/organizations'
import { ALLOCATING_ORG_TYPES, GRADUATION_CAUSE, type TransferCause } from '@shared/transfers'
import { searchOrgs } from '@/api/orgs'
import type { PickerOption } from '../components/picker'

export const targetPlaceholder = (cause: TransferCause | '') =>
  cause === GRADUATION_CAUSE ? '输入团支部或团委（街道团工委）名称的开头几个字' : '输入团支部名称（开头几个字）或组织代码搜索'

function disabledReason(i: OrgSearchItem, ownOrgId: number | undefined, cause: TransferCause | ''): string | undefined {
  const graduation = cause === GRADUATION_CAUSE
  if (i.org.id === ownOrgId) return '本团支部'
  if (i.org.type === 'branch') return undefined
  if (graduation && ALLOCATING_ORG_TYPES.includes(i.org.type)) return undefined
  return graduation ? '请选择团支部、团委或团工委' : '请选择团支部（毕业可选团委）'
}

/** Search for the picker; `valueOf` chooses what the request needs (the batch takes ids, the single form codes). */
export async function findTransferTargets(
  q: string, cause: TransferCause | '', ownOrgId: number | undefined, valueOf: (i: OrgSearchItem) => string,
): Promise<PickerOption[]> {
  const { items } = await searchOrgs(q, cause === GRADUATION_CAUSE ? undefined : 'branch', 20)
  return items.map((i) => ({
    value: valueOf(i),
    label: i.org.name,
    sub: [ORG_TYPES[i.org.type], i.parentName].filter(Boolean).join(' · '),
    disabledReason: disabledReason(i, ownOrgId, cause),
  }))
}
