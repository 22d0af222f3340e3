/**
 * `organizations`: codes, types and the tree (docs/DOMAIN.md §1). A parent is named by code and
 * lives in the file or, when importing into a non-empty database, in the database; a parent
 * is never a 团支部 (members belong only to branches, so nothing sits below one); the tree
 * has no cycles. `external` is the loader's own pseudo-organisation, never a file row.
 */
import { EXTERNAL_ORG_CODE, ORG_TYPES, type OrgType } from '../../shared/organizations'
import type { ImportOrganization, ImportOrgType } from './format'
import type { Existing } from './existing'
import { FieldReader, sectionRecords } from './fields'
import type { ProblemList } from './problems'
import { shown } from './problems'

const ORG_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

const IMPORT_ORG_TYPES = Object.fromEntries(
  Object.entries(ORG_TYPES).filter(([code]) => code !== EXTERNAL_ORG_CODE),
) as Record<ImportOrgType, string>

const FIELDS = ['code', 'name', 'type', 'parent'] as const

interface KnownOrg {
  /** Null when the file gives a type that does not exist (reported there, not again by every reference). */
  type: OrgType | null
  parent: string | null
}

/** Organisations the rest of the file may refer to: the file's, the database's and `external`. */
export interface OrgLookup {
  get(code: string): KnownOrg | undefined
}

export function validateOrganizations(
  file: Record<string, unknown>,
  existing: Existing,
  problems: ProblemList,
): { organizations: ImportOrganization[]; lookup: OrgLookup } {
  // `valid`: the code is usable, so references to it resolve even when another field is wrong.
  const read: { org: ImportOrganization; type: ImportOrgType | null; base: string; valid: boolean }[] = []
  const firstAt = new Map<string, number>()

  sectionRecords(file, 'organizations', problems).forEach(({ record, base, index }) => {
    const f = new FieldReader(record, base, problems, FIELDS)
    const code = f.pattern('code', ORG_CODE_PATTERN, '组织代码只能包含字母、数字和 _ . -，不超过64个字符', true)
    const name = f.text('name', { required: true, max: 200 })
    const type = f.code('type', IMPORT_ORG_TYPES, '组织类型', true)
    const parent = f.has('parent') ? f.pattern('parent', /^.{1,64}$/, '上级组织代码无效') : null
    let valid = code !== null && (parent !== null || !f.has('parent'))
    if (code !== null) {
      if (code === EXTERNAL_ORG_CODE) {
        problems.add(f.path('code'), `${EXTERNAL_ORG_CODE} 是系统保留的省外组织代码，由导入自动创建`)
        valid = false
      } else if (firstAt.has(code)) {
        problems.add(f.path('code'), `组织代码与 organizations[${firstAt.get(code)}] 重复`)
        valid = false
      } else if (existing.orgs.has(code)) {
        problems.add(f.path('code'), '组织代码已存在于数据库中')
        valid = false
      } else {
        firstAt.set(code, index)
      }
    }
    read.push({ org: { code: code ?? '', name: name ?? '', type: type ?? 'branch', parent }, type, base, valid })
  })

  const inFile = new Map(read.filter((r) => r.valid).map((r) => [r.org.code, r.org]))
  const typeInFile = new Map(read.filter((r) => r.valid).map((r) => [r.org.code, r.type]))
  const lookup: OrgLookup = {
    get(code) {
      if (code === EXTERNAL_ORG_CODE) return { type: 'external', parent: null }
      const own = inFile.get(code)
      return own ? { type: typeInFile.get(code) ?? null, parent: own.parent } : existing.orgs.get(code)
    },
  }

  for (const { org, base, valid } of read) {
    if (!valid || org.parent === null) continue
    const at = `${base}.parent`
    const parent = lookup.get(org.parent)
    if (org.parent === org.code) problems.add(at, '上级组织不能是自己')
    else if (!parent) problems.add(at, `上级组织${shown(org.parent)}不存在（既不在文件中，也不在数据库中）`)
    else if (parent.type === 'external') problems.add(at, '省外组织不能作为上级组织')
    else if (parent.type === 'branch') problems.add(at, `上级组织${shown(org.parent)}是团支部，团支部下不能再设组织`)
  }
  reportCycles(inFile, read, problems)
  return { organizations: read.map((r) => r.org), lookup }
}

/** Walks each file organisation up to a root; a walk that meets itself is a cycle, reported once. */
function reportCycles(inFile: Map<string, ImportOrganization>, read: { org: ImportOrganization; base: string }[], problems: ProblemList) {
  const done = new Set<string>()
  const baseOf = new Map(read.map((r) => [r.org.code, r.base]))
  for (const start of inFile.keys()) {
    const trail: string[] = []
    const onTrail = new Set<string>()
    let code: string | null = start
    while (code !== null && inFile.has(code) && !done.has(code)) {
      if (onTrail.has(code)) {
        const cycle = [...trail.slice(trail.indexOf(code)), code]
        problems.add(`${baseOf.get(code)}.parent`, `组织树中存在循环（箭头指向上级组织）：${cycle.join(' → ')}`)
        break
      }
      trail.push(code)
      onTrail.add(code)
      code = inFile.get(code)!.parent
    }
    for (const c of trail) done.add(c)
  }
}
