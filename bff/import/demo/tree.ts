/**
 * The demo's slice of Guangdong (docs/DOMAIN.md §1 types):
 *
 *   共青团广东省委 (leading)
 *   ├─ 广州 / 深圳 / 佛山 团市委 (leading)
 *   │  ├─ 团区委 (leading: docs/DOMAIN.md counts 团区县委 among the 领导机关团组织)
 *   │  │  ├─ 街道团工委 (working_committee) ── 社区团支部
 *   │  │  └─ 企业团委 (committee) ── 部门/车间团支部
 *   │  ├─ 高校团委 (committee) ── 学院团总支 (general_branch) ── 班级团支部
 *   │  └─ 国企团委 / 中学团委 (committee) ── 团支部
 *
 * Branches are shared out over the units that hold them, so the tree grows with the member
 * count (branches of 3–50 members, docs/DOMAIN.md §7) while names stay unique and plausible.
 */
import type { ImportOrganization } from '../format'
import type { City } from './people'

/** What kind of people a branch holds: it decides ages, education and occupation. */
export type BranchKind = 'university' | 'school' | 'company' | 'state_company' | 'community'

export interface Branch {
  code: string
  name: string
  parent: string
  kind: BranchKind
  city: City
  /** 学习工作单位 of its members. */
  unit: string
}

interface Unit {
  code: string
  name: string
  type: ImportOrganization['type']
  parent: string
  kind: BranchKind
  city: City
  unit: string
  branchName(k: number): string
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const nth = (n: number) => (n <= 10 ? CN_NUMBERS[n - 1] : String(n))

/** 深圳大学软件工程2026级1班团支部, …2026级2班, …2025级1班 … cycling classes, grades, then majors. */
const classes = (school: string, majors: readonly string[], now: Date) => (k: number) => {
  const firstGrade = now.getUTCFullYear() - (now.getUTCMonth() >= 8 ? 0 : 1)
  const grade = firstGrade - (Math.floor(k / 2) % 4)
  const major = majors[Math.floor(k / 8) % majors.length]
  const cls = (k % 2) + 1 + 2 * Math.floor(k / (8 * majors.length))
  return `${school}${major}${grade}级${cls}班团支部`
}
/** 华师社区团支部, then 华师社区第二团支部 …; 云帆科技研发中心团支部 … */
const communities = (names: readonly string[]) => (k: number) => {
  const round = Math.floor(k / names.length)
  return `${names[k % names.length]}社区${round === 0 ? '' : `第${nth(round + 1)}`}团支部`
}
const departments = (company: string, names: readonly string[]) => (k: number) => {
  const round = Math.floor(k / names.length)
  return `${company}${names[k % names.length]}${round === 0 ? '' : `第${nth(round + 1)}`}团支部`
}
/** 顺德一中高一（1）班团支部, 顺德一中高二（1）班团支部 … */
const schoolClasses = (school: string) => (k: number) => `${school}高${['一', '二', '三'][k % 3]}（${Math.floor(k / 3) + 1}）班团支部`

/** The organisations above the branches (`units` hold branches). */
function skeleton(now: Date): { organizations: ImportOrganization[]; units: Unit[] } {
  const organizations: ImportOrganization[] = [
    { code: 'gd', name: '共青团广东省委', type: 'leading', parent: null },
    { code: 'gz', name: '共青团广州市委', type: 'leading', parent: 'gd' },
    { code: 'sz', name: '共青团深圳市委', type: 'leading', parent: 'gd' },
    { code: 'fs', name: '共青团佛山市委', type: 'leading', parent: 'gd' },
    { code: 'gz-th', name: '共青团广州市天河区委', type: 'leading', parent: 'gz' },
    { code: 'scut', name: '华南理工大学团委', type: 'committee', parent: 'gz' },
    { code: 'szu', name: '深圳大学团委', type: 'committee', parent: 'sz' },
    { code: 'sz-ns', name: '共青团深圳市南山区委', type: 'leading', parent: 'sz' },
    { code: 'sz-ft', name: '共青团深圳市福田区委', type: 'leading', parent: 'sz' },
    { code: 'fs-sd', name: '共青团佛山市顺德区委', type: 'leading', parent: 'fs' },
  ]
  // Order matters: the first units get the first branch codes (b-001 … in 深圳大学计算机与软件学院).
  const units: Unit[] = [
    { code: 'szu-cs', name: '深圳大学计算机与软件学院团总支', type: 'general_branch', parent: 'szu', kind: 'university', city: 'sz', unit: '深圳大学', branchName: classes('深圳大学', ['软件工程', '计算机科学与技术', '人工智能', '物联网工程'], now) },
    { code: 'sz-ns-yh', name: '共青团深圳市南山区粤海街道工作委员会', type: 'working_committee', parent: 'sz-ns', kind: 'community', city: 'sz', unit: '深圳市南山区粤海街道', branchName: communities(['科技园', '高新区', '海珠', '铜鼓', '大冲', '沙河']) },
    { code: 'fs-sd-yz', name: '佛山市顺德区第一中学团委', type: 'committee', parent: 'fs-sd', kind: 'school', city: 'fs', unit: '佛山市顺德区第一中学', branchName: schoolClasses('顺德一中') },
    { code: 'szu-econ', name: '深圳大学经济学院团总支', type: 'general_branch', parent: 'szu', kind: 'university', city: 'sz', unit: '深圳大学', branchName: classes('深圳大学', ['金融学', '经济学', '国际经济与贸易'], now) },
    { code: 'scut-cs', name: '华南理工大学计算机科学与工程学院团总支', type: 'general_branch', parent: 'scut', kind: 'university', city: 'gz', unit: '华南理工大学', branchName: classes('华南理工大学', ['计算机科学与技术', '软件工程', '网络工程', '信息安全'], now) },
    { code: 'scut-me', name: '华南理工大学机械与汽车工程学院团总支', type: 'general_branch', parent: 'scut', kind: 'university', city: 'gz', unit: '华南理工大学', branchName: classes('华南理工大学', ['机械设计制造及其自动化', '车辆工程', '能源与动力工程'], now) },
    { code: 'gz-th-sp', name: '共青团广州市天河区石牌街道工作委员会', type: 'working_committee', parent: 'gz-th', kind: 'community', city: 'gz', unit: '广州市天河区石牌街道', branchName: communities(['华师', '暨大', '岗顶', '南岗', '石牌东', '石牌西', '龙口中', '薛村']) },
    { code: 'gz-yf', name: '广州云帆信息科技有限公司团委', type: 'committee', parent: 'gz-th', kind: 'company', city: 'gz', unit: '广州云帆信息科技有限公司', branchName: departments('云帆科技', ['研发中心', '产品部', '测试部', '运维中心', '市场营销部', '客户服务中心', '人力行政部']) },
    { code: 'gz-metro', name: '广州地铁集团有限公司团委', type: 'committee', parent: 'gz', kind: 'state_company', city: 'gz', unit: '广州地铁集团有限公司', branchName: departments('广州地铁', ['运营一中心', '运营二中心', '车辆中心', '通号中心', '供电中心', '客运服务部']) },
    { code: 'sz-xh', name: '深圳市星河数码科技有限公司团委', type: 'committee', parent: 'sz-ns', kind: 'company', city: 'sz', unit: '深圳市星河数码科技有限公司', branchName: departments('星河数码', ['硬件研发部', '软件研发部', '供应链管理部', '品质管理部', '海外销售部']) },
    { code: 'sz-ft-hqb', name: '共青团深圳市福田区华强北街道工作委员会', type: 'working_committee', parent: 'sz-ft', kind: 'community', city: 'sz', unit: '深圳市福田区华强北街道', branchName: communities(['华强北', '华航', '通新岭', '福强', '荔村']) },
    { code: 'fs-hm', name: '佛山市顺德区华美电器有限公司团委', type: 'committee', parent: 'fs-sd', kind: 'company', city: 'fs', unit: '佛山市顺德区华美电器有限公司', branchName: departments('华美电器', ['总装一车间', '总装二车间', '注塑车间', '研发中心', '品质部']) },
  ]
  for (const u of units) organizations.push({ code: u.code, name: u.name, type: u.type, parent: u.parent })
  return { organizations, units }
}

/** The whole tree with `branchCount` branches (at least one per unit). */
export function demoTree(branchCount: number, now: Date): { organizations: ImportOrganization[]; branches: Branch[] } {
  const { organizations, units } = skeleton(now)
  const count = Math.max(branchCount, units.length)
  const width = Math.max(3, String(count).length)
  const branches: Branch[] = []
  units.forEach((u, i) => {
    const share = Math.floor(count / units.length) + (i < count % units.length ? 1 : 0)
    for (let k = 0; k < share; k++) {
      const code = `b-${String(branches.length + 1).padStart(width, '0')}`
      branches.push({ code, name: u.branchName(k), parent: u.code, kind: u.kind, city: u.city, unit: u.unit })
    }
  })
  for (const b of branches) organizations.push({ code: b.code, name: b.name, type: 'branch', parent: b.parent })
  return { organizations, branches }
}
