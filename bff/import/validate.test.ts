import { describe, expect, it } from 'vitest'
import { validateImportFile } from './validate'
import { formatProblem, PROBLEMS_MAX } from './problems'
import { EMPTY_EXISTING, type Existing } from './existing'
import { sampleFile, sampleIdCard, SAMPLE_NOW } from './sample-file'
import type { ImportFile } from './format'

function problemsOf(file: unknown, existing: Existing = EMPTY_EXISTING): string[] {
  const v = validateImportFile(file, { existing, now: SAMPLE_NOW })
  return v.ok ? [] : v.problems.map(formatProblem)
}

/** The sample file with `edit` applied to a fresh copy. */
function edited(edit: (f: Required<ImportFile>) => void): ImportFile {
  const f = sampleFile() as Required<ImportFile>
  edit(f)
  return f
}

describe('validateImportFile', () => {
  it('refuses a file that is not a JSON object', () => {
    expect(problemsOf([])).toEqual(['导入文件的内容应为一个 JSON 对象'])
  })

  it('names the path of a single bad ID number deep inside the file', () => {
    const file = edited((f) => {
      const id = f.members[57].idCard
      f.members[57].idCard = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    })
    expect(problemsOf(file)).toEqual(['members[57].idCard: 校验码错误'])
  })

  it('finds a cycle in the organisation tree', () => {
    const file = edited((f) => {
      f.organizations[0].parent = 'szu-cs' // gd → szu-cs → szu → sz → gd
    })
    expect(problemsOf(file)).toEqual(['organizations[0].parent: 组织树中存在循环（箭头指向上级组织）：gd → szu-cs → szu → sz → gd'])
  })

  it('refuses a member in an organisation that is not a 团支部', () => {
    const file = edited((f) => {
      f.members[10].org = 'szu-cs'
    })
    expect(problemsOf(file)).toContain('members[10].org: 团员只能属于团支部，“szu-cs”是团总支')
  })

  it('refuses a reference to an organisation that is neither in the file nor in the database', () => {
    const file = edited((f) => {
      f.organizations[8].parent = 'ns-xx'
      f.accounts[1].org = 'nowhere'
      f.transfers[0].to = 'b-999'
    })
    expect(problemsOf(file)).toEqual([
      'organizations[8].parent: 上级组织“ns-xx”不存在（既不在文件中，也不在数据库中）',
      'accounts[1].org: 组织“nowhere”不存在（既不在文件中，也不在数据库中）',
      'transfers[0].to: 转入组织“b-999”不存在（既不在文件中，也不在数据库中）',
    ])
  })

  it('refuses an ID number twice in the file, or once more than the database has', () => {
    const file = edited((f) => {
      f.members[20].idCard = f.members[3].idCard
    })
    expect(problemsOf(file)).toEqual(['members[20].idCard: 身份证号码与 members[3] 重复'])
    const existing: Existing = {
      ...EMPTY_EXISTING,
      members: new Map([[sampleIdCard(30), { org: 'x', idCardType: 'resident', status: 'approved', leagueStatus: 'normal', openTransfer: false, important: {} }]]),
    }
    expect(problemsOf(sampleFile(), existing)).toEqual(['members[30].idCard: 身份证号码已存在于数据库中'])
  })

  it('refuses a 团支部 as a parent, the reserved code external, and duplicate codes', () => {
    const file = edited((f) => {
      f.organizations.push({ code: 'b-004', name: '团支部下的团支部', type: 'branch', parent: 'b-001' })
      f.organizations.push({ code: 'external', name: '省外', type: 'leading', parent: null })
      f.organizations.push({ code: 'sz', name: '重复', type: 'leading', parent: 'gd' })
    })
    expect(problemsOf(file)).toEqual([
      'organizations[10].code: external 是系统保留的省外组织代码，由导入自动创建',
      'organizations[11].code: 组织代码与 organizations[1] 重复',
      'organizations[9].parent: 上级组织“b-001”是团支部，团支部下不能再设组织',
    ])
  })

  it('refuses reference-list values, codes and field types it does not know, naming each field', () => {
    const file = edited((f) => {
      Object.assign(f.members[2], { nation: '汉', status: 'approve', realnameStatus: 'passed', isCadre: 'yes', mobile: '1380000' })
      Object.assign(f.organizations[2], { type: 'external' })
    })
    expect(problemsOf(file)).toEqual([
      'organizations[2].type: “external”不是有效的组织类型，应为：leading（领导机关团组织）、committee（团委）、working_committee（团工委）、general_branch（团总支）、branch（团支部）',
      'members[2].realnameStatus: 未知字段',
      'members[2].nation: “汉”不是有效的民族',
      'members[2].isCadre: 应为 true 或 false',
      'members[2].status: “approve”不是有效的报到资料状态，应为：registration_pending（报到待审核）、registration_returned（报到被退回）、registration_withdrawn（报到被撤回）、approved（审核通过）、change_pending（修改资料待审核）、change_returned（修改资料被退回）',
      'members[2].mobile: 手机号码格式错误',
    ])
  })

  it('refuses a joining age under 14, a future 入团年月 and an approved member without a passed real-name check', () => {
    const file = edited((f) => {
      f.members[11].leagueSince = '2013-12' // born 2000-01: 13 years old
      f.members[12].leagueSince = '2027-01'
      f.members[13].realNameStatus = 'failed'
    })
    expect(problemsOf(file)).toEqual([
      'members[11].leagueSince: 入团时年龄不得小于14周岁',
      'members[12].leagueSince: 入团年月不能晚于当前月份',
      'members[13].realNameStatus: 审核通过的团员，实名认证状态只能是 passed（通过）或 offline_passed（线下通过）',
    ])
  })

  it('takes 预计毕业时间 as yyyy-MM and names the field and the rule otherwise', () => {
    const file = edited((f) => {
      f.members[5].expectedGraduation = '2027-06'
      f.members[6].expectedGraduation = '2027-6'
      f.members[7].expectedGraduation = '2027年6月'
    })
    expect(problemsOf(file)).toEqual([
      'members[6].expectedGraduation: 预计毕业时间格式应为 yyyy-MM（如 2027-06）',
      'members[7].expectedGraduation: 预计毕业时间格式应为 yyyy-MM（如 2027-06）',
    ])
  })

  it('refuses duplicate account mobiles and WeCom userids, a second admin, and an account that cannot log in', () => {
    const file = edited((f) => {
      f.accounts.push({ org: 'b-002', kind: 'operator', name: '李四', mobile: '13800000001', wecomUserId: 'ZhangSan' })
      f.accounts.push({ org: 'b-001', kind: 'admin', name: '第二个管理员', password: 'another-pass' })
      f.accounts.push({ org: 'b-002', kind: 'viewer', name: '赵六', mobile: '13800000009' })
    })
    expect(problemsOf(file)).toEqual([
      'accounts[3].mobile: 手机号码与 accounts[1] 重复',
      'accounts[3].wecomUserId: 企业微信账号与 accounts[1] 重复',
      'accounts[4].kind: 该组织的组织账号（admin）与 accounts[0] 重复',
      'accounts[5]: 团干账号无法登录：需要 wecomUserId',
    ])
  })

  it('takes a password hash as npm run export writes it, never with a password too, never one that is not scrypt', () => {
    const hash = `scrypt$16384$8$1$${'c2FsdA=='}$${'aGFzaGhhc2hoYXNoaGFzaA=='}`
    expect(problemsOf(edited((f) => (f.accounts[0] = { org: 'b-001', kind: 'admin', name: '管理员', passwordHash: hash })))).toEqual([])
    const file = edited((f) => {
      f.accounts[0] = { org: 'b-001', kind: 'admin', name: '管理员', password: 'demo1234', passwordHash: hash }
      f.accounts.push({ org: 'b-002', kind: 'admin', name: '管理员', passwordHash: 'md5$abc' })
    })
    expect(problemsOf(file)).toEqual([
      'accounts[0].passwordHash: password 与 passwordHash 只能填一个',
      'accounts[3].passwordHash: 应为导出文件中的 scrypt 密码摘要（scrypt$N$r$p$salt$hash）',
      'accounts[3]: 组织账号无法登录：需要 password 或 wecomUserId',
    ])
  })

  it('refuses change requests of unregistered members, of fields that need no review, and that change nothing', () => {
    const file = edited((f) => {
      f.changeRequests.push({ idCard: sampleIdCard(0), changes: { income: '2000-5000元' } })
      f.changeRequests.push({ idCard: sampleIdCard(20), changes: { mobile: '13900000000' } })
      f.changeRequests.push({ idCard: sampleIdCard(21), changes: { politicalOutlook: '共青团员' } })
      f.changeRequests.push({ idCard: sampleIdCard(4), changes: { income: '2000-5000元' } })
    })
    expect(problemsOf(file)).toEqual([
      'changeRequests[1].idCard: 团员当前状态为“报到待审核”，不能有待审核的修改资料申请',
      'changeRequests[2].changes.mobile: 手机号码不属于需要审核的重要资料，不能作为修改申请导入',
      'changeRequests[3].changes: 申请内容与团员现有资料相同',
      'changeRequests[4].idCard: 同一团员只能有一条待审核的修改资料申请，与 changeRequests[0] 重复',
    ])
  })

  it('refuses transfers that break the preconditions of docs/DOMAIN.md §5', () => {
    const base = { kind: 'in_province', cause: '升学/转学', studyWorkUnit: '深圳大学' } as const
    const file = edited((f) => {
      f.transfers.push({ ...base, idCard: sampleIdCard(0), to: 'b-002' }) // not registered
      f.transfers.push({ ...base, idCard: sampleIdCard(5), to: 'b-002' }) // second open application
      f.transfers.push({ ...base, idCard: sampleIdCard(12), to: 'szu-cs' }) // target not a branch
      f.transfers.push({ ...base, idCard: sampleIdCard(13), to: 'external' }) // in_province to external
      f.transfers.push({ ...base, idCard: sampleIdCard(14), to: 'b-002', kind: 'out_of_province' })
    })
    expect(problemsOf(file)).toEqual([
      'transfers[3].idCard: 团员尚未报到成功，不能申请组织关系转接',
      'transfers[4].idCard: 团员已有正在办理的转接申请（transfers[0]）',
      'transfers[5].to: 转入组织必须是团支部（转接原因为“毕业”时也可以是团委或团工委）',
      'transfers[6].to: 省内转接的转入组织不能是省外组织',
      'transfers[7].to: 转出省外的申请，转入组织必须为省外组织（external）',
    ])
  })

  it('refuses an atStep the application never waits at, a short 其他原因 and a time that is not ISO 8601', () => {
    const base = { cause: '升学/转学', studyWorkUnit: '深圳大学' } as const
    const file = edited((f) => {
      f.transfers.push({ ...base, idCard: sampleIdCard(12), to: 'external', kind: 'out_of_province', atStep: 3 })
      f.transfers.push({ ...base, idCard: sampleIdCard(18), to: 'b-002', kind: 'in_province', initiator: 'branch', atStep: 1 })
      f.transfers.push({ ...base, idCard: sampleIdCard(15), to: 'b-002', kind: 'in_province', atStep: 2 }) // b-001 → b-002: same parent
      f.transfers.push({ ...base, idCard: sampleIdCard(16), to: 'b-001', kind: 'in_province', cause: '其他原因', causeNote: '搬家了' })
      f.transfers.push({ ...base, idCard: sampleIdCard(17), to: 'b-001', kind: 'in_province', appliedAt: '2026/11/19 08:00' })
    })
    expect(problemsOf(file)).toEqual([
      'transfers[3].atStep: 转出省外的申请只有第1、2个审核节点，atStep 应为 1 或 2',
      'transfers[4].atStep: 团支部发起的申请，第1个节点由发起的团支部同意，atStep 应为 2–4（省略表示等待团员确认）',
      'transfers[5].atStep: 转出与转入团支部的上级相同，第2个节点无需审核（由上级在第4个节点审核一次），atStep 不能为 2',
      'transfers[6].causeNote: 转接原因为“其他原因”时，请填写不少于10个字的说明',
      'transfers[7].appliedAt: 时间格式错误，应为 ISO 8601（如 2026-11-20T08:00:00Z）',
    ])
  })

  it(`lists at most ${PROBLEMS_MAX} problems and says how many more there are`, () => {
    const file = edited((f) => {
      for (const m of f.members) m.nation = '火星族'
      for (const m of f.members) m.education = '幼儿园'
      for (const m of f.members) m.occupation = '宇航员'
      for (const m of f.members) m.income = '很多'
    })
    const problems = problemsOf(file)
    expect(problems).toHaveLength(PROBLEMS_MAX + 1)
    expect(problems.at(-1)).toBe(`另有 40 个问题未列出（只列出前 ${PROBLEMS_MAX} 个）`)
  })

  it('never shows a full ID number, even one put in the wrong field', () => {
    const file = edited((f) => {
      f.members[1].nation = sampleIdCard(1)
    })
    expect(problemsOf(file)).toEqual(['members[1].nation: “4403**********0015”不是有效的民族'.replace('0015', sampleIdCard(1).slice(-4))])
  })

  it('accepts the sample file, normalising times and filling in defaults', () => {
    const v = validateImportFile(sampleFile(), { now: SAMPLE_NOW })
    expect(v.ok).toBe(true)
    if (!v.ok) return
    expect(v.file.members[0]).toMatchObject({ idCardType: 'resident', leagueStatus: 'normal', appliedAt: '2026-11-18T08:00:00.000Z', reviewedAt: null })
    expect(v.file.changeRequests[0].changes).toEqual({ politicalOutlook: '中共预备党员' })
    expect(v.file.transfers[2]).toMatchObject({ initiator: 'branch', atStep: null, appliedAt: SAMPLE_NOW.toISOString() })
  })
})
