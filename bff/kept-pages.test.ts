import { describe, it, expect } from 'vitest'
import { KeptPages, keptJson, sameRows } from './kept-pages'

const row = (id: number, over: Record<string, unknown> = {}) => ({ id, version: 0, member_name: '李四', waiting_since: '2026-11-20T08:00:00.000Z', ...over })

describe('kept pages', () => {
  it('rows are the same only when every column of every row is', () => {
    expect(sameRows([row(1), row(2)], [row(1), row(2)])).toBe(true)
    expect(sameRows([row(1)], [row(1), row(2)])).toBe(false)
    expect(sameRows([row(1)], [row(1, { version: 1 })])).toBe(false)
    expect(sameRows([row(1)], [row(1, { member_name: '李五' })])).toBe(false)
    expect(sameRows([row(1)], [row(1, { extra: null })])).toBe(false)
    expect(sameRows([row(1, { allocated_org_id: null })], [row(1, { allocated_org_id: undefined })])).toBe(false)
  })

  it('answers the kept page while rows and derived values are the same, and builds anew otherwise', async () => {
    const kept = new KeptPages<{ built: number }>(10)
    const db = {}
    let built = 0
    const build = () => ({ built: ++built })
    const first = await kept.page(db, 'org1|todo', [row(1)], [false], build)
    expect(await kept.page(db, 'org1|todo', [row(1)], [false], build)).toBe(first)
    expect(await kept.page(db, 'org1|todo', [row(1, { version: 1 })], [false], build)).toEqual({ built: 2 })
    expect(await kept.page(db, 'org1|todo', [row(1, { version: 1 })], [true], build)).toEqual({ built: 3 })
    // Another organisation's request with the same rows is its own page; so is another database.
    expect(await kept.page(db, 'org2|todo', [row(1, { version: 1 })], [true], build)).toEqual({ built: 4 })
    expect(await kept.page({}, 'org1|todo', [row(1, { version: 1 })], [true], build)).toEqual({ built: 5 })
  })

  it('by stamps: answers the kept page while the stamps are the same and it is still right, and keeps a page under the stamps of the rows it was built from', async () => {
    const kept = new KeptPages<{ built: number; overdue: boolean; ids: number[] }>(10)
    const db = {}
    let built = 0
    let late = false
    let queue = [row(1)]
    const stampsNow = () => queue.map((r) => ({ id: r.id, version: r.version }))
    const load = async () => ({ page: { built: ++built, overdue: late, ids: queue.map((r) => r.id) }, stamps: stampsNow() })
    const stillRight = (page: { overdue: boolean }) => page.overdue === late
    const first = await kept.stamped(db, 'org1|todo', stampsNow(), stillRight, load)
    expect(await kept.stamped(db, 'org1|todo', stampsNow(), stillRight, load)).toBe(first)
    late = true // the clock passed the row's 48 hours: the kept page says otherwise
    expect(await kept.stamped(db, 'org1|todo', stampsNow(), stillRight, load)).toMatchObject({ built: 2, overdue: true })
    queue = [row(1, { version: 1 })]
    expect(await kept.stamped(db, 'org1|todo', stampsNow(), stillRight, load)).toMatchObject({ built: 3 })

    // A row arrives between a request's stamps and its rows, then leaves again: the page built
    // with it is kept under its own rows' stamps, so the old stamps never find it.
    const before = stampsNow()
    queue = [row(1, { version: 1 }), row(2)]
    expect(await kept.stamped(db, 'org1|todo|p2', before, stillRight, load)).toMatchObject({ built: 4, ids: [1, 2] })
    queue = [row(1, { version: 1 })]
    expect(await kept.stamped(db, 'org1|todo|p2', stampsNow(), stillRight, load)).toMatchObject({ built: 5, ids: [1] })
  })

  it('keeps at most `max` pages a database, the least recently used dropped first', async () => {
    const kept = new KeptPages<number>(2)
    const db = {}
    let built = 0
    const build = () => ++built
    await kept.page(db, 'a', [row(1)], [], build)
    await kept.page(db, 'b', [row(1)], [], build)
    await kept.page(db, 'a', [row(1)], [], build) // used again: b is now the oldest
    await kept.page(db, 'c', [row(1)], [], build)
    expect(built).toBe(3)
    expect(await kept.page(db, 'a', [row(1)], [], build)).toBe(1)
    expect(await kept.page(db, 'b', [row(1)], [], build)).toBe(4)
  })

  it('does not keep a page of more rows than the app asks for', async () => {
    const kept = new KeptPages<number>(10, 2)
    const db = {}
    let built = 0
    const rows = [row(1), row(2), row(3)]
    await kept.page(db, 'a', rows, [], () => ++built)
    expect(await kept.page(db, 'a', rows, [], () => ++built)).toBe(2)
  })

  it('writes a page object once', () => {
    let writes = 0
    const write = keptJson((p: { items: number[] }) => {
      writes++
      return JSON.stringify(p)
    })
    const page = { items: [1, 2] }
    expect(write(page)).toBe('{"items":[1,2]}')
    expect(write(page)).toBe('{"items":[1,2]}')
    expect(writes).toBe(1)
    expect(write({ items: [1, 2] })).toBe('{"items":[1,2]}')
    expect(writes).toBe(2)
  })
})
