/**
 * A small province for API tests:
 *
 *   gd 团省委
 *   └─ sz 团市委
 *      ├─ szu 深圳大学团委 ── a1 团支部, a2 团支部
 *      └─ ns 南山区团委 ──── b1 团支部
 *
 * and `external`. Accounts: operators of a1, a2, b1, szu, ns; a viewer and an admin of a1.
 */
import type { AppContext } from '../context'
import { testContext, testApp } from './context'
import { insertOrganization, type OrgRow } from '../orgs/repository'
import { memberValues, type MemberInput } from '../members/repository'
import { idCardCheckChar } from '../../shared/idcard'
import type { AccountKind, OrgType } from '../../shared/organizations'
import type { ProfileStatus, RealNameStatus } from '../../shared/reviews'
import type { LeagueStatus } from '../../shared/members'
import { insertTransfer, type NewTransfer } from '../transfers/service'
import { diffChanges } from '../members/changes'
import { findMemberById } from '../members/repository'
import type { ProfileField } from '../../shared/members'

let serial = 0
/** A valid resident ID number, different on every call. */
export function makeIdCard(birth = '20000101', region = '440305'): string {
  serial++
  const first17 = `${region}${birth}${String(serial % 1000).padStart(3, '0')}`
  return first17 + idCardCheckChar(first17)
}

export async function seedProvince(ctx: AppContext) {
  const at = ctx.clock.now().toISOString()
  const org = (code: string, name: string, type: OrgType, parent: OrgRow | null) =>
    insertOrganization(ctx.db, { code, name, type, parent, createdAt: at })
  const gd = await org('gd', '共青团广东省委', 'leading', null)
  const sz = await org('sz', '共青团深圳市委', 'leading', gd)
  const szu = await org('szu', '深圳大学团委', 'committee', sz)
  const ns = await org('ns', '共青团深圳市南山区委', 'leading', sz)
  const a1 = await org('a1', '计算机学院2023级1班团支部', 'branch', szu)
  const a2 = await org('a2', '计算机学院2023级2班团支部', 'branch', szu)
  const b1 = await org('b1', '南山科技园第一团支部', 'branch', ns)
  const external = await org('external', '省外组织', 'external', null)
  const account = async (orgRow: OrgRow, kind: AccountKind, name: string, wecom: string | null = null, rootAdmin: 0 | 1 = 0) =>
    (
      await ctx.db
        .insertInto('accounts')
        .values({ org_id: orgRow.id, kind, name, mobile: null, wecom_user_id: wecom, password_hash: null, root_admin: rootAdmin, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const accounts = {
    a1op: await account(a1, 'operator', '张伟', 'zhangwei'),
    a1viewer: await account(a1, 'viewer', '王芳'),
    a1admin: await account(a1, 'admin', '计算机学院2023级1班团支部'),
    a2op: await account(a2, 'operator', '李娜'),
    b1op: await account(b1, 'operator', '刘洋'),
    szuop: await account(szu, 'operator', '陈静'),
    nsop: await account(ns, 'operator', '杨帆'),
    szop: await account(sz, 'operator', '赵磊'),
    gdadmin: await account(gd, 'admin', '共青团广东省委', null, 1),
  }
  return { orgs: { gd, sz, szu, ns, a1, a2, b1, external }, accounts }
}
export type Province = Awaited<ReturnType<typeof seedProvince>>

export interface MemberSeed extends Partial<MemberInput> {
  profileStatus?: ProfileStatus
  realNameStatus?: RealNameStatus
  leagueStatus?: LeagueStatus
  appliedAt?: string
}

/** A member of `org`; a pending registration also gets its pending review. */
export async function addMember(ctx: AppContext, org: OrgRow, seed: MemberSeed = {}) {
  const at = ctx.clock.now().toISOString()
  const status = seed.profileStatus ?? 'registration_pending'
  const idCard = seed.idCard ?? makeIdCard()
  const input: MemberInput = {
    orgId: org.id, name: '林小红', idCardType: 'resident', idCard, mobile: '13812345678', nation: '汉族',
    education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2015-05',
    income: '2000元以下', ...seed,
  }
  const values = memberValues(ctx.crypto, input, {
    profile_status: status,
    realname_status: seed.realNameStatus ?? 'passed',
    league_status: seed.leagueStatus ?? 'normal',
    added_at: at,
    applied_at: seed.appliedAt ?? at,
    reviewed_at: status === 'approved' ? at : null,
  }, at)
  const { id } = await ctx.db.insertInto('members').values(values).returning('id').executeTakeFirstOrThrow()
  let reviewId: number | null = null
  if (status === 'registration_pending') {
    reviewId = (
      await ctx.db
        .insertInto('profile_reviews')
        .values({ member_id: id, org_id: org.id, kind: 'registration', state: 'pending', submitted_at: seed.appliedAt ?? at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  }
  return { id, idCard, reviewId }
}

/** A pending 修改资料 request of an approved member. */
export async function addChangeRequest(ctx: AppContext, memberId: number, changes: Partial<Record<ProfileField, string>>) {
  const m = (await findMemberById(ctx.db, memberId))!
  const stored = diffChanges(ctx.crypto, m, changes)
  await ctx.db.updateTable('members').set({ profile_status: 'change_pending' }).where('id', '=', memberId).execute()
  return (
    await ctx.db
      .insertInto('profile_reviews')
      .values({ member_id: memberId, org_id: m.org_id, kind: 'change', state: 'pending', submitted_at: ctx.clock.now().toISOString(), changes_json: JSON.stringify(stored) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function addTransfer(ctx: AppContext, n: Omit<NewTransfer, 'appliedAt' | 'cause' | 'causeNote' | 'studyWorkUnit' | 'initiatedBy'> & Partial<NewTransfer>) {
  return ctx.db.transaction().execute((trx) =>
    insertTransfer(trx, {
      cause: '升学/转学', causeNote: null, studyWorkUnit: '中山大学', initiatedBy: null, appliedAt: ctx.clock.now().toISOString(), ...n,
    }),
  )
}

/** The body of a registration to a1 through the integration API (docs/CONTRACT.md), with a fresh ID number. */
export const registrationOf = (name: string) => ({
  org: 'a1', name, idCard: makeIdCard('20030710'), mobile: '13600001234', nation: '汉族',
  education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2018-05',
})

/** The usual API test: a fresh database with the fixture province and the app over it. */
export async function provinceApp(env: Record<string, string> = {}) {
  const ctx = await testContext(env)
  const app = await testApp(ctx)
  const p = await seedProvince(ctx)
  return {
    ctx,
    app,
    p,
    close: async () => {
      await app.close()
      await ctx.close()
    },
  }
}

/** More 团支部 under `parent`, one per code. */
export async function insertOrgs(ctx: AppContext, parent: OrgRow, codes: string[]): Promise<OrgRow[]> {
  const out: OrgRow[] = []
  for (const code of codes) out.push(await insertOrganization(ctx.db, { code, name: `${code}团支部`, type: 'branch', parent, createdAt: ctx.clock.now().toISOString() }))
  return out
}
