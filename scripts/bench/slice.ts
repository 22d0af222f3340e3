/**
 * The bench's province slice (issue #12) as an import file, so it goes through the same
 * validation and loader as real data and the import rate is measured on it. Deterministic:
 * the same size and `now` give the same file (no random numbers at all).
 *
 *   gd 省 ── 20 市 ── 20 团委 each ── 24 团支部 each (10,021 organisations at full size)
 *
 * Two deep queues, so that page 500 of a list exists: 团支部 `br0` has `deep` pending
 * registrations and as many returned ones (资料审核 待审核 / 已审核, 我的团员), and 团委 `cm0`
 * (br0's parent) has `deep` transfers waiting at its node (in_parent, node 4). The rest of
 * the members are spread evenly, about one in twelve waiting for review.
 */
import { idCardCheckChar } from '../../shared/idcard'
import type { ImportFile, ImportMember, ImportOrganization, ImportTransfer } from '../../bff/import/format'

export interface SliceOptions {
  members: number
  /** Depth of the deep queues (≥ 500 pages of 20 plus what the writes consume). */
  deep: number
  /** Transfers spread over the province besides the deep queue. */
  otherTransfers: number
  now: Date
}

export const SLICE = { province: 'gd', committee: 'cm0', branch: 'br0' } as const
const CITIES = 20
const COMMITTEES_PER_CITY = 20
const BRANCHES_PER_COMMITTEE = 24

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞辉建国文斌宇浩然欣怡子涵梓轩'

/** Organisation counts of a slice of `members` members (about 20 a branch, whole committees). */
function treeSize(members: number) {
  const branches = Math.max(BRANCHES_PER_COMMITTEE, Math.ceil(members / 20 / BRANCHES_PER_COMMITTEE) * BRANCHES_PER_COMMITTEE)
  const committees = branches / BRANCHES_PER_COMMITTEE
  return { branches, committees, cities: Math.min(CITIES, Math.ceil(committees / COMMITTEES_PER_CITY)) }
}

function organisations(members: number): { orgs: ImportOrganization[]; branches: string[] } {
  const { committees, cities } = treeSize(members)
  const orgs: ImportOrganization[] = [{ code: SLICE.province, name: '共青团广东省委', type: 'leading', parent: null }]
  const branches: string[] = []
  for (let c = 0; c < cities; c++) orgs.push({ code: `city${c}`, name: `共青团第${c + 1}市委`, type: 'leading', parent: SLICE.province })
  for (let k = 0; k < committees; k++) {
    orgs.push({ code: `cm${k}`, name: `第${k + 1}学院团委`, type: 'committee', parent: `city${k % cities}` })
    for (let b = 0; b < BRANCHES_PER_COMMITTEE; b++) {
      const code = `br${k * BRANCHES_PER_COMMITTEE + b}`
      branches.push(code)
      orgs.push({ code, name: `第${k + 1}学院${b + 1}班团支部`, type: 'branch', parent: `cm${k}` })
    }
  }
  return { orgs, branches }
}

/** A valid resident number, unique per `i`: born on day i/1000 of 2001, serial i%1000. */
function idCardOf(i: number): string {
  const birth = new Date(Date.UTC(2001, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = `440305${birth}${String(i % 1000).padStart(3, '0')}`
  return first17 + idCardCheckChar(first17)
}

const nameOf = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(i / 7) % GIVEN.length]}`

export function generateSlice(o: SliceOptions): ImportFile {
  const { orgs, branches } = organisations(o.members)
  const hoursAgo = (h: number) => new Date(o.now.getTime() - h * 3_600_000).toISOString()
  const members: ImportMember[] = []
  const add = (org: string, status: ImportMember['status'], i = members.length) => {
    const m: ImportMember = {
      org, name: nameOf(i), idCard: idCardOf(i), mobile: `13${String(100_000_000 + i).slice(-9)}`,
      nation: '汉族', education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2016-05',
      status, realNameStatus: 'passed',
      // Minutes apart, newest last: every list has a stable, realistic order.
      appliedAt: hoursAgo((o.members - i) / 60),
      ...(status === 'registration_returned' ? { reviewedAt: hoursAgo((o.members - i) / 120), returnReason: '照片不清晰' } : {}),
    }
    members.push(m)
    return m
  }
  // The deep branch: `deep` waiting, `deep` returned (its 已审核), interleaved in time.
  for (let k = 0; k < o.deep; k++) {
    add(SLICE.branch, 'registration_pending')
    add(SLICE.branch, 'registration_returned')
  }
  // Members who may apply for a transfer, outside the deep 团委 (so each moves to another branch).
  const movable: ImportMember[] = []
  for (let i = members.length; i < o.members; i++) {
    const b = 1 + (i % (branches.length - 1))
    const m = add(branches[b], i % 12 === 0 ? 'registration_pending' : 'approved', i)
    if (m.status === 'approved' && b >= BRANCHES_PER_COMMITTEE) movable.push(m)
  }
  // The deep 团委: applications from all over the province into its branches, waiting at its node.
  const intoCommittee = branches.slice(1, BRANCHES_PER_COMMITTEE)
  const transfers: ImportTransfer[] = []
  const transfer = (m: ImportMember, to: string, atStep: number, h: number) =>
    transfers.push({ idCard: m.idCard, to, kind: 'in_province', cause: '升学/转学', studyWorkUnit: '第一大学', appliedAt: hoursAgo(h), initiator: 'member', atStep })
  let next = 0
  for (let k = 0; k < o.deep; k++) transfer(movable[next++], intoCommittee[k % intoCommittee.length], 4, 1 + (k % 200))
  for (let k = 0; k < o.otherTransfers; k++) {
    const m = movable[next++]
    const from = branches.indexOf(m.org)
    transfer(m, branches[(from + 97) % branches.length], 1 + (k % 3), 1 + (k % 100))
  }
  const accounts = [
    { org: SLICE.province, kind: 'admin' as const, name: '省级管理员', wecomUserId: 'bench-province' },
    { org: SLICE.committee, kind: 'operator' as const, name: '团委运营者', wecomUserId: 'bench-committee' },
    { org: SLICE.branch, kind: 'operator' as const, name: '支部运营者', wecomUserId: 'bench-branch' },
  ]
  return { organizations: orgs, accounts, members, changeRequests: [], transfers }
}
