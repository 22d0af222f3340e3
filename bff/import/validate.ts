/**
 * Validation of a whole import file before anything is written (docs/CONTRACT.md "Import file":
 * a bad file is refused as a whole, each problem naming its JSON path). Pure: the database
 * is seen only through the `Existing` snapshot, and `now` is given.
 */
import { SECTIONS, type ValidImport } from './format'
import { EMPTY_EXISTING, type Existing } from './existing'
import { isRecord } from './fields'
import { ProblemList, type Problem } from './problems'
import { validateOrganizations } from './validate-orgs'
import { validateAccounts } from './validate-accounts'
import { validateMembers } from './validate-members'
import { validateChangeRequests } from './validate-changes'
import { validateTransfers } from './validate-transfers'

export type Validation = { ok: true; file: ValidImport } | { ok: false; problems: Problem[] }

export function validateImportFile(input: unknown, opts: { existing?: Existing; now?: Date } = {}): Validation {
  const existing = opts.existing ?? EMPTY_EXISTING
  const now = opts.now ?? new Date()
  const problems = new ProblemList()
  if (!isRecord(input)) return { ok: false, problems: [{ path: '', message: '导入文件的内容应为一个 JSON 对象' }] }
  for (const key of Object.keys(input)) {
    if (!(SECTIONS as readonly string[]).includes(key)) problems.add(key, `未知的部分，应为：${SECTIONS.join('、')}`)
  }

  const { organizations, lookup: orgs } = validateOrganizations(input, existing, problems)
  const accounts = validateAccounts(input, orgs, existing, problems)
  const { members, lookup: memberLookup, changePending } = validateMembers(input, orgs, existing, now, problems)
  const changeRequests = validateChangeRequests(input, memberLookup, existing, changePending, now, problems)
  const transfers = validateTransfers(input, orgs, memberLookup, now, problems)

  if (!problems.empty) return { ok: false, problems: problems.list() }
  return { ok: true, file: { organizations, accounts, members, changeRequests, transfers } }
}
