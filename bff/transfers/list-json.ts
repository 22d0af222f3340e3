/**
 * The JSON of a page of 转接 (GET /api/transfers), written here instead of by the schema's
 * serializer (issue #12: the 待审核 list no slower than 资料审核). A row names up to six
 * organisations — 转出, its 上级, 转入, its 上级, 分配到, the current node — and a 团委's
 * page names the same few dozen again and again. The schema's serializer escaped each one's
 * Chinese name on every row; here an organisation's JSON is written once and reused for as long
 * as its OrgRef lives (service.ts shares one OrgRef per cached organisation row).
 *
 * The output must equal the schema's, field for field and in its order: list-json.test.ts
 * compares the two on every shape a row can take. Only the fields of the schema are written,
 * as the schema's serializer would.
 */
import type { OrgRef, PageOf } from '../../shared/api/common'
import type { TransferItem } from '../../shared/api/transfers'

const str = JSON.stringify as (s: string) => string
const orNull = (s: string | null) => (s === null ? 'null' : str(s))

const orgJson = new WeakMap<OrgRef, string>()

function org(o: OrgRef | null): string {
  if (o === null) return 'null'
  let json = orgJson.get(o)
  if (json === undefined) orgJson.set(o, (json = `{"id":${o.id},"code":${str(o.code)},"name":${str(o.name)},"type":${str(o.type)}}`))
  return json
}

function item(t: TransferItem): string {
  const step = t.currentStep
  const mine = t.myDecision
  return (
    `{"id":${t.id},"kind":${str(t.kind)},"status":${str(t.status)},"version":${t.version}` +
    `,"member":{"id":${t.member.id},"name":${str(t.member.name)}}` +
    `,"fromOrg":${org(t.fromOrg)},"fromParent":${org(t.fromParent)},"toOrg":${org(t.toOrg)},"toParent":${org(t.toParent)}` +
    `,"allocatedOrg":${org(t.allocatedOrg)},"studyWorkUnit":${str(t.studyWorkUnit)},"appliedAt":${str(t.appliedAt)}` +
    `,"currentStep":${step ? `{"seq":${step.seq},"role":${str(step.role)},"org":${org(step.org)}}` : 'null'}` +
    `,"waitingSince":${orNull(t.waitingSince)},"overdue":${t.overdue}` +
    `,"myDecision":${mine ? `{"state":${str(mine.state)},"decidedAt":${str(mine.decidedAt)}}` : 'null'}}`
  )
}

export function transferPageJson(page: PageOf<TransferItem>): string {
  let json = '{"items":['
  for (let i = 0; i < page.items.length; i++) json += (i ? ',' : '') + item(page.items[i])
  return `${json}],"nextCursor":${orNull(page.nextCursor)}}`
}
