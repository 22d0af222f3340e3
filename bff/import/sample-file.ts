/**
 * A small import file in the contract's format, for tests (docs/CONTRACT.md "Import file"):
 *
 *   gd 共青团广东省委
 *   └─ sz 共青团深圳市委
 *      ├─ szu 深圳大学团委 ── szu-cs 计算机与软件学院团总支 ── b-001, b-002
 *      └─ ns 共青团深圳市南山区委 ── ns-yh 粤海街道团工委 ── b-003
 *
 * 60 members (index 0 pending, 1 returned, 2 withdrawn, 3 change_returned, the rest
 * approved), one change request and three transfers.
 */
import { idCardCheckChar } from '../../shared/idcard'
import type { ImportFile, ImportMember } from './format'

export const SAMPLE_NOW = new Date('2026-11-20T02:00:00.000Z')

/** A valid resident ID number for member `i`: born 2000, Nanshan, check digit computed. */
export function sampleIdCard(i: number, birth = '20000101'): string {
  const first17 = `440305${birth}${String(i).padStart(3, '0')}`
  return first17 + idCardCheckChar(first17)
}

const BRANCHES = ['b-001', 'b-002', 'b-003']

function member(i: number): ImportMember {
  const status = (['registration_pending', 'registration_returned', 'registration_withdrawn', 'change_returned'] as const)[i] ?? 'approved'
  return {
    org: BRANCHES[i % 3],
    name: `林小${'红明华军芳'[i % 5]}`,
    idCard: sampleIdCard(i),
    mobile: `138${String(10000000 + i)}`,
    nation: '汉族',
    education: '本科在读',
    occupation: '学生',
    politicalOutlook: '共青团员',
    leagueSince: '2015-05',
    income: '2000元以下',
    status,
    realNameStatus: 'passed',
    appliedAt: '2026-11-18T08:00:00Z',
    ...(status === 'registration_returned' ? { returnReason: '照片不清晰' } : {}),
  }
}

export function sampleFile(): ImportFile {
  return {
    organizations: [
      { code: 'gd', name: '共青团广东省委', type: 'leading', parent: null },
      { code: 'sz', name: '共青团深圳市委', type: 'leading', parent: 'gd' },
      { code: 'szu', name: '深圳大学团委', type: 'committee', parent: 'sz' },
      { code: 'szu-cs', name: '深圳大学计算机与软件学院团总支', type: 'general_branch', parent: 'szu' },
      { code: 'b-001', name: '软件工程2023级1班团支部', type: 'branch', parent: 'szu-cs' },
      { code: 'b-002', name: '软件工程2023级2班团支部', type: 'branch', parent: 'szu-cs' },
      { code: 'ns', name: '共青团深圳市南山区委', type: 'leading', parent: 'sz' },
      { code: 'ns-yh', name: '共青团深圳市南山区粤海街道工作委员会', type: 'working_committee', parent: 'ns' },
      { code: 'b-003', name: '粤海街道科技园社区团支部', type: 'branch', parent: 'ns-yh' },
    ],
    accounts: [
      { org: 'b-001', kind: 'admin', name: '软件工程2023级1班团支部', password: 'demo1234' },
      { org: 'b-001', kind: 'operator', name: '张三', mobile: '13800000001', wecomUserId: 'zhangsan' },
      { org: 'szu-cs', kind: 'viewer', name: '王芳', wecomUserId: 'wangfang' },
    ],
    members: Array.from({ length: 60 }, (_, i) => member(i)),
    changeRequests: [{ idCard: sampleIdCard(4), changes: { politicalOutlook: '中共预备党员' }, submittedAt: '2026-11-19T08:00:00Z' }],
    transfers: [
      // member 5 is in b-003 (5 % 3 = 2): to b-001, waiting at node 3 (nodes 1–2 agreed).
      { idCard: sampleIdCard(5), to: 'b-001', kind: 'in_province', cause: '升学/转学', studyWorkUnit: '深圳大学', appliedAt: '2026-11-17T08:00:00Z', initiator: 'member', atStep: 3 },
      { idCard: sampleIdCard(6), to: 'external', kind: 'out_of_province', cause: '就业/工作调动', studyWorkUnit: '长沙某科技公司', appliedAt: '2026-11-19T08:00:00Z', initiator: 'member' },
      { idCard: sampleIdCard(9), to: 'b-002', kind: 'in_province', cause: '其他原因', causeNote: '随家人搬迁到学校附近居住', studyWorkUnit: '深圳大学', initiator: 'branch' },
    ],
  }
}
