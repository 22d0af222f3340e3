import { describe, expect, it } from 'vitest'
import { cursorPager, mergedPager, usePagedList, type Pager } from './usePagedList'

function pagesOf<T>(pages: T[][]): Pager<T> {
  let i = 0
  return { next: async () => ({ items: pages[i++] ?? [], done: i >= pages.length }) }
}

describe('usePagedList', () => {
  it('loads pages until the cursor runs out, then says done', async () => {
    const data = [[1, 2], [3]]
    const list = usePagedList(() => cursorPager<number>(async (cursor) => {
      const i = cursor ? Number(cursor) : 0
      return { items: data[i], nextCursor: i + 1 < data.length ? String(i + 1) : null }
    }))
    expect(list.state).toBe('idle')
    await list.loadMore()
    expect(list.items).toEqual([1, 2])
    expect(list.state).toBe('idle')
    await list.loadMore()
    expect(list.items).toEqual([1, 2, 3])
    expect(list.state).toBe('done')
  })

  it('keeps the rows and reports the message when a page fails', async () => {
    let fail = false
    const list = usePagedList(() => ({
      next: async () => {
        if (fail) throw new Error('x')
        return { items: [1], done: false }
      },
    }))
    await list.loadMore()
    fail = true
    await list.loadMore()
    expect(list.items).toEqual([1])
    expect(list.state).toBe('error')
    expect(list.error).toBe('系统繁忙，请稍后再试')
  })

  it('refreshes in place as deep as it was loaded, replacing the rows in one go', async () => {
    let data = [[1, 2], [3, 4], [5]]
    const list = usePagedList(() => cursorPager<number>(async (cursor) => {
      const i = cursor ? Number(cursor) : 0
      return { items: data[i], nextCursor: i + 1 < data.length ? String(i + 1) : null }
    }))
    await list.loadMore()
    await list.loadMore()
    expect(list.items).toEqual([1, 2, 3, 4])

    data = [[1, 3], [4, 5], [6]] // 2 was decided meanwhile: everything moved up one place
    const seen: number[][] = []
    const reloading = list.refreshInPlace()
    seen.push([...list.items])
    await reloading
    expect(seen).toEqual([[1, 2, 3, 4]]) // the old rows stay until the new ones are all there
    expect(list.items).toEqual([1, 3, 4, 5])
    expect(list.state).toBe('idle')

    await list.refresh() // a new search starts over at page one
    expect(list.items).toEqual([1, 3])
  })

  it('merges two newest-first sources into one newest-first list', async () => {
    const a = pagesOf([['2026-11-24', '2026-11-20'], ['2026-11-10']])
    const b = pagesOf([['2026-11-22', '2026-11-21', '2026-11-05']])
    const merged = mergedPager([a, b], (x) => x, 3)
    const seen: string[] = []
    let done = false
    while (!done) {
      const page = await merged.next()
      seen.push(...page.items)
      done = page.done
    }
    expect(seen).toEqual(['2026-11-24', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-10', '2026-11-05'])
  })
})
