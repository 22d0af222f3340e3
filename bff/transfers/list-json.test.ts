import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import Fastify, { type FastifyInstance } from 'fastify'
import type { OrgRef, PageOf } from '../../shared/api/common'
import { Page } from '../../shared/api/common'
import { TransferItem } from '../../shared/api/transfers'
import { transferPageJson } from './list-json'

const org = (id: number, name: string, type: OrgRef['type'] = 'branch'): OrgRef => ({ id, code: `o${id}`, name, type })
const branch = org(10, '广州大学第一团支部')
const committee = org(9, '广州大学团委', 'committee')

function item(id: number, over: Partial<TransferItem> = {}): TransferItem {
  return {
    id,
    kind: 'in_province',
    status: 'in_progress',
    version: 3,
    member: { id: 100 + id, name: '李四' },
    fromOrg: branch,
    fromParent: committee,
    toOrg: org(20, '深圳大学第二团支部'),
    toParent: org(19, '深圳大学团委', 'committee'),
    allocatedOrg: null,
    studyWorkUnit: '深圳大学',
    appliedAt: '2026-11-20T08:00:00.000Z',
    currentStep: { seq: 2, role: 'out_parent', org: committee },
    waitingSince: '2026-11-20T08:00:00.000Z',
    overdue: false,
    myDecision: null,
    ...over,
  }
}

// Every shape a row takes: nulls where a node is absent, 分配到, 已审核's myDecision, a finished
// application (no current step, no waiting), 转出省外, and text that JSON must escape.
const rows: TransferItem[] = [
  item(1),
  item(2, { fromParent: null, toParent: null, overdue: true }),
  item(3, { kind: 'out_of_province', toOrg: org(30, '省外组织', 'external') }),
  item(4, { allocatedOrg: org(40, '第一团支部'), currentStep: { seq: 5, role: 'allocate', org: committee } }),
  item(5, { status: 'completed', currentStep: null, waitingSince: null, myDecision: { state: 'approved', decidedAt: '2026-11-21T09:30:00.000Z' } }),
  item(6, { status: 'returned', currentStep: null, waitingSince: null, myDecision: { state: 'returned', decidedAt: '2026-11-22T10:00:00.000Z' } }),
  item(7, { member: { id: 7, name: '王"小\\明"\n' }, studyWorkUnit: '</script>\u2028 \t 🎓 𠀀', fromOrg: org(70, 'A "quoted" \\ 团支部') }),
]

describe('the JSON of a page of 转接', () => {
  let app: FastifyInstance
  let page: PageOf<TransferItem>
  beforeAll(async () => {
    app = Fastify()
    const schema = { response: { 200: Page(TransferItem) } }
    // The schema's own serializer, as every other route uses it, beside the hand-written one.
    app.get('/by-schema', { schema }, async () => page)
    app.get('/by-hand', { schema, serializerCompiler: () => transferPageJson as (data: unknown) => string }, async () => page)
    await app.ready()
  })
  afterAll(() => app.close())

  const both = async () => [(await app.inject({ url: '/by-schema' })).body, (await app.inject({ url: '/by-hand' })).body]

  it('is the schema serializer’s JSON, byte for byte, for every shape of row', async () => {
    page = { items: rows, nextCursor: 'eyJrIjpbIjIwMjYtMTEtMjAiLDFdfQ' }
    const [bySchema, byHand] = await both()
    expect(byHand).toBe(bySchema)
    expect(JSON.parse(byHand)).toEqual(page)
  })

  it('writes the last page and an empty page', async () => {
    for (const items of [rows.slice(0, 1), []]) {
      page = { items, nextCursor: null }
      const [bySchema, byHand] = await both()
      expect(byHand).toBe(bySchema)
    }
  })

  it('writes only the schema’s fields, as the schema serializer does', async () => {
    const leaky = { ...item(8), idCard: '440301199001011234', fromOrg: { ...branch, path: '/1/9/10/' } }
    page = { items: [leaky], nextCursor: null }
    const [bySchema, byHand] = await both()
    expect(byHand).toBe(bySchema)
    expect(byHand).not.toContain('440301199001011234')
    expect(byHand).not.toContain('/1/9/10/')
  })

  it('a renamed organisation is a new OrgRef, written with its new name', async () => {
    page = { items: [item(9)], nextCursor: null }
    expect(JSON.parse(transferPageJson(page)).items[0].fromOrg.name).toBe('广州大学第一团支部')
    page = { items: [item(9, { fromOrg: { ...branch, name: '广州大学第一团支部（更名）' } })], nextCursor: null }
    expect(JSON.parse(transferPageJson(page)).items[0].fromOrg.name).toBe('广州大学第一团支部（更名）')
  })
})
