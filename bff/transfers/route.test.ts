import { describe, expect, it } from 'vitest'
import { planRoute, decideStep, allocateStep, allocationProblem, memberConfirms, canWithdraw, applyProblem, type RouteState } from './route'

// Organisations: branches 11, 12 under committee 1; branch 21 under committee 2; external 99.
const b11 = { id: 11, parentId: 1 }
const b12 = { id: 12, parentId: 1 }
const b21 = { id: 21, parentId: 2 }
const ext = { id: 99, parentId: null }

const states = (s: RouteState) => s.steps.map((x) => `${x.seq}${x.role}@${x.orgId}:${x.state}`)

describe('planning the transfer route', () => {
  it('an in-province member application passes four nodes, starting at the out branch', () => {
    const r = planRoute({ kind: 'in_province', initiator: 'member', fromBranch: b11, toBranch: b21 })
    expect(r.status).toBe('in_progress')
    expect(r.currentSeq).toBe(1)
    expect(states(r)).toEqual(['1out_branch@11:pending', '2out_parent@1:waiting', '3in_branch@21:waiting', '4in_parent@2:waiting'])
  })

  it('when both branches share a parent, node 2 is skipped and the parent reviews once at node 4', () => {
    const r = planRoute({ kind: 'in_province', initiator: 'member', fromBranch: b11, toBranch: b12 })
    expect(states(r)).toEqual(['1out_branch@11:pending', '2out_parent@1:skipped', '3in_branch@12:waiting', '4in_parent@1:waiting'])
  })

  it('an out-of-province application has only the two out nodes', () => {
    const r = planRoute({ kind: 'out_of_province', initiator: 'member', fromBranch: b11, toBranch: ext })
    expect(states(r)).toEqual(['1out_branch@11:pending', '2out_parent@1:waiting'])
  })

  it('a branch-initiated application counts node 1 as agreed and waits for the member', () => {
    const r = planRoute({ kind: 'in_province', initiator: 'branch', fromBranch: b11, toBranch: b21 })
    expect(r.status).toBe('awaiting_member')
    expect(r.currentSeq).toBeNull()
    expect(r.steps[0].state).toBe('approved')
    expect(r.steps[1].state).toBe('waiting')
  })
})

describe('deciding transfer nodes', () => {
  const start = () => planRoute({ kind: 'in_province', initiator: 'member', fromBranch: b11, toBranch: b21 })

  it('a decision at a node that is not the pending one is a conflict', () => {
    expect(decideStep(start(), 2, 'approve')).toEqual({ ok: false, code: 'CONFLICT' })
  })

  it('a second decision at the same node is a conflict', () => {
    const once = decideStep(start(), 1, 'approve')
    if (!once.ok) throw new Error('first decision failed')
    expect(decideStep(once.state, 1, 'approve')).toEqual({ ok: false, code: 'CONFLICT' })
  })

  it('agreeing moves the application to the next node', () => {
    const r = decideStep(start(), 1, 'approve')
    expect(r.ok && r.state.currentSeq).toBe(2)
    expect(r.ok && r.state.steps[1].state).toBe('pending')
  })

  it('a return at any node ends the flow and leaves later nodes untouched', () => {
    let s = start()
    for (const seq of [1, 2]) {
      const r = decideStep(s, seq, 'approve')
      if (!r.ok) throw new Error('approve failed')
      s = r.state
    }
    const r = decideStep(s, 3, 'return')
    expect(r.ok && r.state.status).toBe('returned')
    expect(r.ok && r.state.currentSeq).toBeNull()
    expect(r.ok && states(r.state)).toEqual(['1out_branch@11:approved', '2out_parent@1:approved', '3in_branch@21:returned', '4in_parent@2:waiting'])
    if (r.ok) expect(decideStep(r.state, 4, 'approve')).toEqual({ ok: false, code: 'CONFLICT' })
  })

  it('the last agreement completes the application', () => {
    let s = start()
    let completed = false
    for (const seq of [1, 2, 3, 4]) {
      const r = decideStep(s, seq, 'approve')
      if (!r.ok) throw new Error(`approve ${seq} failed`)
      s = r.state
      completed = r.completed
      if (seq < 4) expect(completed).toBe(false)
    }
    expect(completed).toBe(true)
    expect(s.status).toBe('completed')
  })

  it('with a shared parent the route goes 1 → 3 → 4', () => {
    let s = planRoute({ kind: 'in_province', initiator: 'member', fromBranch: b11, toBranch: b12 })
    const seen: (number | null)[] = []
    for (;;) {
      if (s.currentSeq === null) break
      seen.push(s.currentSeq)
      const r = decideStep(s, s.currentSeq, 'approve')
      if (!r.ok) throw new Error('approve failed')
      s = r.state
    }
    expect(seen).toEqual([1, 3, 4])
    expect(s.status).toBe('completed')
  })

  it('out of province completes after node 2', () => {
    const s = planRoute({ kind: 'out_of_province', initiator: 'member', fromBranch: b11, toBranch: ext })
    const r1 = decideStep(s, 1, 'approve')
    if (!r1.ok) throw new Error()
    const r2 = decideStep(r1.state, 2, 'approve')
    expect(r2.ok && r2.completed).toBe(true)
  })

  it('a branch-initiated application cannot be decided before the member confirms, then continues at node 2', () => {
    const s = planRoute({ kind: 'in_province', initiator: 'branch', fromBranch: b11, toBranch: b21 })
    expect(decideStep(s, 2, 'approve')).toEqual({ ok: false, code: 'CONFLICT' })
    const c = memberConfirms(s)
    expect(c.ok && c.state.currentSeq).toBe(2)
    expect(c.ok && c.state.status).toBe('in_progress')
    if (c.ok) expect(memberConfirms(c.state)).toEqual({ ok: false, code: 'CONFLICT' })
  })

  it('a branch-initiated application between sisters continues at node 3 after confirmation', () => {
    const s = planRoute({ kind: 'in_province', initiator: 'branch', fromBranch: b11, toBranch: b12 })
    const c = memberConfirms(s)
    expect(c.ok && c.state.currentSeq).toBe(3)
  })
})

describe('withdrawing', () => {
  it.each([
    ['awaiting the member', 'awaiting_member', null, true],
    ['at node 1', 'in_progress', 1, true],
    ['at node 3', 'in_progress', 3, true],
    ['at node 4', 'in_progress', 4, false],
    ['completed', 'completed', null, false],
    ['returned', 'returned', null, false],
    ['withdrawn', 'withdrawn', null, false],
  ] as const)('is %s → %s', (_label, status, currentSeq, allowed) => {
    expect(canWithdraw({ status, currentSeq })).toBe(allowed)
  })
})

describe('preconditions to apply', () => {
  const ok = {
    kind: 'in_province' as const,
    cause: '就业/工作调动' as const,
    registered: true,
    leagueNormal: true,
    hasOpenTransfer: false,
    currentBranchId: 11,
    target: { id: 21, type: 'branch', external: false },
  }
  it.each([
    ['an unregistered member', { registered: false }, 'NOT_REGISTERED'],
    ['a member whose 团籍 is not 正常', { leagueNormal: false }, 'LEAGUE_STATUS_ABNORMAL'],
    ['a member with an open transfer', { hasOpenTransfer: true }, 'OPEN_TRANSFER'],
    ['a target that is not a branch', { target: { id: 2, type: 'committee', external: false } }, 'TARGET_NOT_BRANCH'],
    ['the current branch as target', { target: { id: 11, type: 'branch', external: false } }, 'TARGET_IS_CURRENT'],
    ['external as an in-province target', { target: { id: 99, type: 'external', external: true } }, 'TARGET_EXTERNAL'],
    ['out of province to a branch', { kind: 'out_of_province', target: { id: 21, type: 'branch', external: false } }, 'KIND_MISMATCH'],
    ['a 团总支 as the target of a 毕业 transfer', { cause: '毕业', target: { id: 5, type: 'general_branch', external: false } }, 'TARGET_NOT_BRANCH'],
    ['a 团市委 as the target of a 毕业 transfer', { cause: '毕业', target: { id: 5, type: 'leading', external: false } }, 'TARGET_NOT_BRANCH'],
  ] as const)('refuses %s', (_l, patch, problem) => {
    expect(applyProblem({ ...ok, ...(patch as object) })).toBe(problem)
  })
  it('accepts a registered member moving to another branch', () => {
    expect(applyProblem(ok)).toBeNull()
  })
  it.each(['committee', 'working_committee'])('accepts a %s as the target of a 毕业 transfer (docs/DOMAIN.md §5a)', (type) => {
    expect(applyProblem({ ...ok, cause: '毕业', target: { id: 2, type, external: false } })).toBeNull()
  })
  it('accepts out of province to external', () => {
    expect(applyProblem({ ...ok, kind: 'out_of_province', target: { id: 99, type: 'external', external: true } })).toBeNull()
  })
})

describe('the 毕业 route to a 团委 (docs/DOMAIN.md §5a)', () => {
  // Committee 2 receives; branch 11's parent is committee 1, branch 21's parent is committee 2.
  const c2 = { id: 2, parentId: 100 }
  const plan = (from: typeof b11, initiator: 'member' | 'branch' = 'member') =>
    planRoute({ kind: 'in_province', initiator, fromBranch: from, toBranch: c2, toCommittee: true })
  const approveAll = (s: RouteState, until: number) => {
    while (s.currentSeq !== null && s.currentSeq < until) {
      const r = decideStep(s, s.currentSeq, 'approve')
      if (!r.ok) throw new Error(r.code)
      s = r.state
    }
    return s
  }

  it.each([
    ['from another 团委\'s branch', b11, ['1out_branch@11:pending', '2out_parent@1:waiting', '3in_committee@2:waiting', '4allocate@2:waiting']],
    ['from a branch of the target 团委 itself: node 2 skipped', b21, ['1out_branch@21:pending', '2out_parent@2:skipped', '3in_committee@2:waiting', '4allocate@2:waiting']],
  ] as const)('plans out_branch → out_parent → in_committee → allocate %s', (_l, from, expected) => {
    expect(states(plan(from))).toEqual(expected)
  })

  it('a branch-initiated batch waits for the member first, like any branch-initiated application', () => {
    const r = plan(b11, 'branch')
    expect(r.status).toBe('awaiting_member')
    expect(states(r)[0]).toBe('1out_branch@11:approved')
  })

  it('the 团委 agreeing at 转入团委 moves the application to 待分配 at the same 团委', () => {
    const s = approveAll(plan(b11), 4)
    expect(s.status).toBe('in_progress')
    expect(s.currentSeq).toBe(4)
    expect(s.steps[3]).toMatchObject({ role: 'allocate', orgId: 2, state: 'pending' })
  })

  it('退回 at 转入团委 ends the flow', () => {
    const s = approveAll(plan(b11), 3)
    const r = decideStep(s, 3, 'return')
    expect(r.ok && r.state.status).toBe('returned')
  })

  it.each(['approve', 'return'] as const)('%s at 待分配 is refused: only allocation ends it', (decision) => {
    const s = approveAll(plan(b11), 4)
    expect(decideStep(s, 4, decision)).toEqual({ ok: false, code: 'RULE' })
  })

  it('allocation completes the application', () => {
    const r = allocateStep(approveAll(plan(b11), 4), 4)
    expect(r.ok && r.state.status).toBe('completed')
    expect(r.ok && r.state.steps[3].state).toBe('approved')
  })

  it.each([
    ['before 待分配', (s: RouteState) => approveAll(s, 3), 3, 'RULE'],
    ['at a node that is not pending', (s: RouteState) => approveAll(s, 4), 3, 'CONFLICT'],
  ] as const)('allocation %s is refused', (_l, at, seq, code) => {
    expect(allocateStep(at(plan(b11)), seq)).toEqual({ ok: false, code })
  })

  it('withdrawal stays possible until 待分配, like until node 4 of a branch route', () => {
    expect(canWithdraw(approveAll(plan(b11), 3))).toBe(true)
    expect(canWithdraw(approveAll(plan(b11), 4))).toBe(false)
  })

  it.each([
    ['a branch in the subtree', { type: 'branch', path: '/100/2/21/' }, null],
    ['a branch two levels down', { type: 'branch', path: '/100/2/7/22/' }, null],
    ['a 团总支 in the subtree', { type: 'general_branch', path: '/100/2/7/' }, '只能分配到团支部'],
    ['a branch of another 团委', { type: 'branch', path: '/100/1/11/' }, '只能分配到本团委下属的团支部'],
    ['a branch whose path only shares a prefix of digits', { type: 'branch', path: '/100/23/5/' }, '只能分配到本团委下属的团支部'],
  ] as const)('allocation to %s', (_l, branch, problem) => {
    expect(allocationProblem({ path: '/100/2/' }, branch)).toBe(problem)
  })
})
