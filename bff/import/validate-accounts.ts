/**
 * `accounts` (docs/DOMAIN.md §1): who acts for an organisation. A mobile and a WeCom userid
 * identify one person, so each is unique across all accounts (a person is operator of one
 * organisation only); an organisation has one 组织账号 (its admin logs in with the
 * organisation code); every account needs a way to log in.
 */
import { ACCOUNT_KINDS, EXTERNAL_ORG_CODE } from '../../shared/organizations'
import { MOBILE_PATTERN } from '../../shared/idcard'
import type { ImportAccount } from './format'
import type { Existing } from './existing'
import type { OrgLookup } from './validate-orgs'
import { FieldReader, sectionRecords } from './fields'
import { shown, type ProblemList } from './problems'

/** WeCom userid: 1–64 letters, digits and `_ - . @` (WeCom's own rule for 账号). */
const WECOM_USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/
const PASSWORD_MIN = 8
const PASSWORD_MAX = 64

const FIELDS = ['org', 'kind', 'name', 'mobile', 'wecomUserId', 'password', 'passwordHash', 'rootAdmin'] as const
/** bff/security/password.ts's format: what `npm run export` writes for a password. */
const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/

export function validateAccounts(
  file: Record<string, unknown>,
  orgs: OrgLookup,
  existing: Existing,
  problems: ProblemList,
): Required<ImportAccount>[] {
  const out: Required<ImportAccount>[] = []
  const mobileAt = new Map<string, number>()
  const wecomAt = new Map<string, number>()
  const adminAt = new Map<string, number>()

  sectionRecords(file, 'accounts', problems).forEach(({ record, base, index: i }) => {
    const f = new FieldReader(record, base, problems, FIELDS)
    const org = f.text('org', { required: true, max: 64 })
    const kind = f.code('kind', ACCOUNT_KINDS, '账号类型', true)
    const name = f.text('name', { required: true, max: 100 })
    const mobile = f.pattern('mobile', MOBILE_PATTERN, '手机号码格式错误')
    const wecomUserId = f.pattern('wecomUserId', WECOM_USER_ID, '企业微信账号只能包含字母、数字和 _ - . @，不超过64个字符')
    const password = f.text('password', { max: PASSWORD_MAX })
    if (password !== null && [...password].length < PASSWORD_MIN) problems.add(f.path('password'), `初始密码不能少于${PASSWORD_MIN}个字符`)
    const passwordHash = f.pattern('passwordHash', PASSWORD_HASH, '应为导出文件中的 scrypt 密码摘要（scrypt$N$r$p$salt$hash）')
    if (password !== null && passwordHash !== null) problems.add(f.path('passwordHash'), 'password 与 passwordHash 只能填一个')
    // docs/DOMAIN.md §1 "Root admin": granted by name, never by the organisation's place in the tree.
    const rootAdmin = f.bool('rootAdmin') ?? false
    if (rootAdmin && kind !== null && kind !== 'admin') problems.add(f.path('rootAdmin'), '只有组织账号（admin）可以是最高级管理员')

    if (org !== null) {
      const known = orgs.get(org)
      if (!known) problems.add(f.path('org'), `组织${shown(org)}不存在（既不在文件中，也不在数据库中）`)
      else if (org === EXTERNAL_ORG_CODE) problems.add(f.path('org'), '省外组织不能有账号')
    }
    if (mobile !== null) unique(mobile, mobileAt, existing.accountMobiles, f.path('mobile'), '手机号码', i, problems)
    if (wecomUserId !== null) unique(wecomUserId.toLowerCase(), wecomAt, existing.wecomUserIds, f.path('wecomUserId'), '企业微信账号', i, problems)
    if (kind === 'admin' && org !== null) unique(org, adminAt, existing.orgsWithAdmin, f.path('kind'), '该组织的组织账号（admin）', i, problems)

    // docs/DOMAIN.md §1 "logs in with": admin — code + password or WeCom; operator — WeCom or
    // mobile + password; viewer — WeCom only.
    const canLogIn =
      kind === 'admin' ? password !== null || passwordHash !== null || wecomUserId !== null
      : kind === 'operator' ? wecomUserId !== null || (mobile !== null && (password !== null || passwordHash !== null))
      : wecomUserId !== null
    if (kind !== null && !canLogIn) {
      const need = kind === 'admin' ? 'password 或 wecomUserId' : kind === 'operator' ? 'wecomUserId，或 mobile 加 password' : 'wecomUserId'
      problems.add(base, `${ACCOUNT_KINDS[kind].replace(/账号$/, '')}账号无法登录：需要 ${need}`)
    }
    out.push({ org: org ?? '', kind: kind ?? 'viewer', name: name ?? '', mobile, wecomUserId, password, passwordHash, rootAdmin })
  })
  return out
}

function unique(
  value: string,
  seen: Map<string, number>,
  inDb: ReadonlySet<string>,
  path: string,
  what: string,
  index: number,
  problems: ProblemList,
) {
  if (seen.has(value)) problems.add(path, `${what}与 accounts[${seen.get(value)}] 重复`)
  else if (inDb.has(value)) problems.add(path, `${what}已存在于数据库中`)
  else seen.set(value, index)
}
