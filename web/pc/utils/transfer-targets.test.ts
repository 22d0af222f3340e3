import { afterEach, describe, expect, it, vi } from 'vitest'
import { stubApi } from '@/test-utils/api'
import { findTransferTargets } from './transfer-targets'

afterEach(() => vi.unstubAllGlobals())

// Outside one's own subtree the search answers no code (issue #11): the form picks by id.
const org = (id: number, name: string, type: string) => ({ org: { id, code: null, name, type }, parentName: '南山区委' })

describe('转入组织 of 发起转接 (docs/DOMAIN.md §5, §5a)', () => {
  it('for 毕业 searches every type and lets a 团委/团工委 be chosen; otherwise only 团支部, never the own one', async () => {
    const { calls } = stubApi({
      'GET /api/orgs/search': { items: [org(1, '本班团支部', 'branch'), org(2, '粤海街道团工委', 'working_committee'), org(3, '南山区委', 'leading'), org(4, '科技园社区团支部', 'branch')] },
    })
    const graduation = await findTransferTargets('粤', '毕业', 1, (i) => `o-${i.org.id}`)
    expect(calls[0].query.get('type')).toBeNull()
    expect(graduation.map((o) => [o.value, o.disabledReason ?? null])).toEqual([
      ['o-1', '本团支部'], ['o-2', null], ['o-3', '请选择团支部、团委或团工委'], ['o-4', null],
    ])
    expect(graduation[1].sub).toBe('团工委 · 南山区委')
    const other = await findTransferTargets('粤', '就业/工作调动', 1, (i) => String(i.org.id))
    expect(calls[1].query.get('type')).toBe('branch')
    expect(other.map((o) => [o.value, o.disabledReason ?? null])).toEqual([
      ['1', '本团支部'], ['2', '请选择团支部（毕业可选团委）'], ['3', '请选择团支部（毕业可选团委）'], ['4', null],
    ])
  })
})
