/**
 * The demo data of `npm start` (docs/CONTRACT.md: demo data loaded when the database is empty) as
 * an import file, so the demo goes through the same validation and loader as real data.
 * Deterministic: the same seed, `now` and size give the same file.
 */
import type { ImportChangeRequest, ImportFile, ImportMember, ImportTransfer } from '../format'
import { seededRandom, type Random } from './random'
import { demoTree, type Branch } from './tree'
import { memberFactory, randomCase, type MemberCase } from './members'
import { changeRequestFor, randomTransferPlan, transferFor, type TransferPlan } from './requests'
import { demoAccountRows } from './accounts'
import { graduationOfClass, graduationSeason, GRADUATING_CLASS_CODE, GRADUATING_CLASS_SIZE, RECEIVING_COMMITTEES } from './graduation'

export interface DemoOptions {
  seed?: number
  now?: Date
  /** About this many members (default 320); the tree grows to keep branches at 3–50 members. */
  members?: number
}

export const DEMO_SEED = 12355

/** The four branches whose accounts the demo points people to. */
interface Focus {
  /** Two branches of 深圳大学计算机与软件学院团总支 (same parent). */
  b1: Branch
  b2: Branch
  /** 粤海街道 community branch (other parent). */
  community: Branch
  /** 顺德一中 class branch (other city). */
  school: Branch
}

const approved: MemberCase = { status: 'approved', realName: 'passed' }

/** Fixed cases, so every status and every real-name status is in the demo accounts' queues. */
function fixedCases(f: Focus): Map<string, MemberCase[]> {
  return new Map([
    [f.b1.code, [
      { status: 'registration_pending', realName: 'passed', appliedHoursAgo: 5 },
      { status: 'registration_pending', realName: 'passed', appliedHoursAgo: 50 },
      { status: 'registration_pending', realName: 'pending', appliedHoursAgo: 0.2 },
      // Failed inside the 24-hour re-check window, and past it (docs/DOMAIN.md §4).
      { status: 'registration_pending', realName: 'failed', appliedHoursAgo: 3 },
      { status: 'registration_pending', realName: 'failed', appliedHoursAgo: 30 },
      { status: 'registration_returned', realName: 'failed' },
      { status: 'registration_withdrawn', realName: 'passed' },
      { status: 'change_pending', realName: 'passed' },
      { status: 'change_pending', realName: 'passed' },
      { status: 'change_returned', realName: 'passed' },
      { status: 'approved', realName: 'offline_passed' },
      { status: 'approved', realName: 'passed', leagueStatus: 'disabled' },
    ] satisfies MemberCase[]],
    [f.b2.code, [
      { status: 'registration_pending', realName: 'passed', appliedHoursAgo: 8 },
      { status: 'registration_pending', realName: 'failed', appliedHoursAgo: 12 },
      { status: 'change_pending', realName: 'passed' },
    ] satisfies MemberCase[]],
    [f.community.code, [
      { status: 'registration_pending', realName: 'passed', appliedHoursAgo: 26 },
      { status: 'registration_pending', realName: 'failed', appliedHoursAgo: 40 },
    ] satisfies MemberCase[]],
    [f.school.code, [
      { status: 'registration_pending', realName: 'passed', appliedHoursAgo: 2 },
      { status: 'registration_pending', realName: 'pending', appliedHoursAgo: 0.5 },
    ] satisfies MemberCase[]],
  ])
}

/** Applications waiting at every node of the demo accounts' organisations (docs/DOMAIN.md §5). */
function focusPlans(f: Focus): TransferPlan[] {
  const { b1, b2, community: c, school: s } = f
  return [
    { from: b1, to: b2, initiator: 'member', hoursAgo: 6 }, // node 1 at b1, same parent
    { from: b1, to: c, initiator: 'member', atStep: 2, hoursAgo: 60 }, // node 2 at 团总支, overdue
    { from: c, to: b1, initiator: 'member', atStep: 3, hoursAgo: 20 }, // node 3 at b1
    { from: c, to: b2, initiator: 'member', atStep: 4, hoursAgo: 75 }, // node 4 at 团总支, overdue
    { from: b2, to: b1, initiator: 'member', atStep: 4, hoursAgo: 10 }, // same parent: node 2 skipped
    { from: b1, to: null, initiator: 'member', atStep: 1, hoursAgo: 50 }, // out of province, overdue
    { from: b2, to: null, initiator: 'member', atStep: 2, hoursAgo: 30 },
    { from: b1, to: s, initiator: 'branch', hoursAgo: 4 }, // waits for the member's confirmation
    { from: b2, to: c, initiator: 'branch', atStep: 3, hoursAgo: 52 }, // node 3 at community, overdue
    { from: s, to: b1, initiator: 'member', atStep: 3, hoursAgo: 8, otherCause: true },
    { from: c, to: s, initiator: 'member', atStep: 2, hoursAgo: 2 }, // node 2 at 街道团工委
    { from: s, to: c, initiator: 'member', atStep: 4, hoursAgo: 36 }, // node 4 at 街道团工委
  ]
}

/** Members per branch: uneven like real branches, at least `minimum`, summing to `total`. */
function memberCounts(r: Random, branches: Branch[], total: number, minimum: (b: Branch) => number): number[] {
  const weights = branches.map(() => 0.4 + r.next() * 1.4)
  const sum = weights.reduce((a, b) => a + b, 0)
  const counts = branches.map((b, i) => Math.max(minimum(b), Math.round((total * weights[i]) / sum)))
  let diff = total - counts.reduce((a, b) => a + b, 0)
  while (diff !== 0) {
    const i = r.int(0, branches.length - 1)
    if (diff > 0) {
      counts[i]++
      diff--
    } else if (counts[i] > minimum(branches[i])) {
      counts[i]--
      diff++
    }
  }
  return counts
}

export function generateDemoData(options: DemoOptions = {}): ImportFile {
  const r = seededRandom(options.seed ?? DEMO_SEED)
  const now = options.now ?? new Date()
  const requested = options.members ?? 320
  const { organizations, branches } = demoTree(Math.max(40, Math.round(requested / 25)), now)
  const focus: Focus = {
    b1: branches[0],
    b2: branches[1],
    community: branches.find((b) => b.parent === 'sz-ns-yh')!,
    school: branches.find((b) => b.parent === 'fs-sd-yz')!,
  }
  const cases = fixedCases(focus)
  // Room for the fixed cases and the approved members the focus transfers need.
  const minimum = (b: Branch) => (cases.has(b.code) ? cases.get(b.code)!.length + 6 : 3)
  // The graduating class (./graduation.ts) counts towards the requested size.
  const total = Math.max(requested - GRADUATING_CLASS_SIZE, branches.reduce((s, b) => s + minimum(b), 0))

  const factory = memberFactory(r, now)
  const members: ImportMember[] = []
  const movable = new Map<string, ImportMember[]>()
  memberCounts(r, branches, total, minimum).forEach((count, i) => {
    const branch = branches[i]
    const fixed = cases.get(branch.code)
    for (let k = 0; k < count; k++) {
      const m = factory.make(branch, fixed ? (fixed[k] ?? approved) : randomCase(r))
      const graduation = branch.kind === 'university' ? graduationOfClass(branch.name) : null
      if (graduation) m.expectedGraduation = graduation
      members.push(m)
      // docs/DOMAIN.md §5: only registered members with 团籍 正常 may apply for a transfer.
      if (m.status === 'approved' && !m.leagueStatus) {
        if (!movable.has(branch.code)) movable.set(branch.code, [])
        movable.get(branch.code)!.push(m)
      }
    }
  })

  const changeRequests = members.filter((m) => m.status === 'change_pending').map((m) => changeRequestFor(r, m, now))

  const transfers: ImportTransfer[] = []
  const apply = (plan: TransferPlan) => {
    const m = movable.get(plan.from.code)?.shift()
    if (m) transfers.push(transferFor(r, m, plan, now))
  }
  focusPlans(focus).forEach(apply)
  const extra = Math.max(8, Math.round(total * 0.035))
  for (let i = 0; i < extra; i++) {
    const from = r.pick(branches)
    apply(randomTransferPlan(r, from, branches))
  }

  // The season (issue #14): every university class knows its 预计毕业时间; a senior class leaves.
  const season = graduationSeason(r, factory, now)
  organizations.push(season.organization)
  members.push(...season.members)
  transfers.push(...season.transfers)

  const accounts = demoAccountRows({
    province: 'gd',
    city: 'sz',
    committee: 'szu',
    generalBranch: focus.b1.parent,
    workingCommittee: focus.community.parent,
    branches: [focus.b1.code, focus.b2.code, focus.community.code, focus.school.code],
    graduatingClass: GRADUATING_CLASS_CODE,
    receivingCommittee: RECEIVING_COMMITTEES[1],
  })
  spreadMinutes(members, changeRequests, transfers)
  return { organizations, accounts, members, changeRequests, transfers }
}

/**
 * The generators count in whole hours before `now`, so every time would share its minute;
 * people do not submit on the minute (issue #14). Each record moves up to 59 minutes earlier —
 * a member's 申请 and 审核 by the same amount, so their order holds — deterministically and
 * without drawing from the seeded sequence (the rest of the demo stays as it was). An item
 * 1–47 hours old stays under the 48-hour line.
 */
function spreadMinutes(members: ImportMember[], changes: ImportChangeRequest[], transfers: ImportTransfer[]): void {
  const earlier = (iso: string, i: number, salt: number) =>
    new Date(new Date(iso).getTime() - (((i * 37 + salt) % 59) * 60 + ((i * 13 + salt) % 60)) * 1000).toISOString()
  members.forEach((m, i) => {
    if (m.appliedAt) m.appliedAt = earlier(m.appliedAt, i, 11)
    if (m.reviewedAt) m.reviewedAt = earlier(m.reviewedAt, i, 11)
  })
  changes.forEach((c, i) => {
    if (c.submittedAt) c.submittedAt = earlier(c.submittedAt, i, 23)
  })
  transfers.forEach((t, i) => {
    if (t.appliedAt) t.appliedAt = earlier(t.appliedAt, i, 5)
  })
}
