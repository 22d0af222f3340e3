/**
 * The demo's people who log in (docs/DOMAIN.md §1): for the province, a city, a committee, a
 * general branch, a working committee and several branches, a 组织账号 (admin, PC login with
 * the organisation code) and one or two 运营者 (WeCom userid in lowercase pinyin, mobile for
 * the PC), plus one read-only 团干; for the graduation season a senior class and a second
 * 街道团工委 that receives graduates. Stable across seeds, so the WeCom simulator's user list
 * and the README can name them.
 */
import type { AccountKind } from '../../../shared/organizations'
import type { ImportAccount, ImportFile } from '../format'

export const DEMO_PASSWORD = 'demo1234'

export interface DemoAccount {
  name: string
  orgCode: string
  orgName: string
  kind: AccountKind
  wecomUserId: string | null
  mobile: string | null
  /** PC password, null when the account logs in only through WeCom. */
  password: string | null
}

/** The organisations that get accounts; branch codes depend on the size of the tree. */
export interface AccountOrgs {
  province: string
  city: string
  committee: string
  generalBranch: string
  workingCommittee: string
  branches: [string, string, string, string]
  /** The senior class that sends its graduates (docs/DOMAIN.md §5a). */
  graduatingClass: string
  /** A second 街道团工委 that receives and allocates graduates (the first is `workingCommittee`). */
  receivingCommittee: string
}

type Person = [name: string, wecomUserId: string]

export function demoAccountRows(o: AccountOrgs): ImportAccount[] {
  let serial = 0
  const admin = (org: string): ImportAccount => ({ org, kind: 'admin', name: '管理员', password: DEMO_PASSWORD })
  const person = (org: string, kind: 'operator' | 'viewer', [name, wecomUserId]: Person): ImportAccount => ({
    org, kind, name, wecomUserId, mobile: `139260010${String(++serial).padStart(2, '0')}`, password: kind === 'operator' ? DEMO_PASSWORD : null,
  })
  const [b1, b2, b3, b4] = o.branches
  return [
    { ...admin(o.province), rootAdmin: true }, person(o.province, 'operator', ['黄敏', 'huangmin']),
    admin(o.city), person(o.city, 'operator', ['赵磊', 'zhaolei']),
    admin(o.committee), person(o.committee, 'operator', ['陈静', 'chenjing']),
    admin(o.generalBranch), person(o.generalBranch, 'operator', ['杨帆', 'yangfan']), person(o.generalBranch, 'operator', ['周强', 'zhouqiang']),
    admin(o.workingCommittee), person(o.workingCommittee, 'operator', ['徐杰', 'xujie']),
    admin(b1), person(b1, 'operator', ['张伟', 'zhangwei']), person(b1, 'operator', ['李娜', 'lina']), person(b1, 'viewer', ['王芳', 'wangfang']),
    admin(b2), person(b2, 'operator', ['刘洋', 'liuyang']),
    admin(b3), person(b3, 'operator', ['吴霞', 'wuxia']),
    admin(b4), person(b4, 'operator', ['孙丽', 'sunli']),
    // The graduation season (issue #14): the class that leaves, and a second 团委 that receives.
    admin(o.graduatingClass), person(o.graduatingClass, 'operator', ['何俊', 'hejun']),
    admin(o.receivingCommittee), person(o.receivingCommittee, 'operator', ['林晓燕', 'linxiaoyan']),
  ]
}

/** The accounts of a generated file with their organisations' names: for `npm start` to print and for the WeCom simulator. */
export function demoAccountsOf(file: ImportFile): DemoAccount[] {
  const names = new Map((file.organizations ?? []).map((o) => [o.code, o.name]))
  return (file.accounts ?? []).map((a) => ({
    name: a.name,
    orgCode: a.org,
    orgName: names.get(a.org) ?? a.org,
    kind: a.kind,
    wecomUserId: a.wecomUserId ?? null,
    mobile: a.mobile ?? null,
    password: a.password ?? null,
  }))
}
