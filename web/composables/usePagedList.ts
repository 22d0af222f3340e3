/**
 * A paginator with an explicit state (elk's 'idle' | 'loading' | 'done' | 'error'), fed by a
 * Pager, for van-pull-refresh + van-list. Stale answers (a refresh overtook a page) are dropped.
 */
import { reactive, ref, shallowRef } from 'vue'
import type { PageOf } from '@shared/api/common'
import { errorMessage } from '@/api/http'

export type LoadState = 'idle' | 'loading' | 'done' | 'error'

/** A source of pages; a fresh one is created on every refresh. */
export interface Pager<T> {
  next(): Promise<{ items: T[]; done: boolean }>
}

/** Pages of one cursor-paged endpoint (`{items, nextCursor}`, docs/CONTRACT.md). */
export function cursorPager<T>(fetchPage: (cursor: string | null) => Promise<PageOf<T>>): Pager<T> {
  let cursor: string | null = null
  return {
    async next() {
      const page = await fetchPage(cursor)
      cursor = page.nextCursor
      return { items: page.items, done: page.nextCursor === null }
    },
  }
}

/**
 * Merges pagers that are each sorted newest first into one list, newest first
 * (已审核 shows profile reviews and transfer steps together). An item is emitted only when
 * every unfinished source has a buffered item to compare it with.
 */
export function mergedPager<T>(sources: Pager<T>[], timeOf: (item: T) => string, pageSize = 20): Pager<T> {
  const state = sources.map((pager) => ({ pager, buffer: [] as T[], done: false }))
  return {
    async next() {
      const out: T[] = []
      while (out.length < pageSize) {
        const hungry = state.filter((s) => s.buffer.length === 0 && !s.done)
        if (hungry.length) {
          if (out.length) break // hand out what is certain; fetch on the next call
          await Promise.all(
            hungry.map(async (s) => {
              const page = await s.pager.next()
              s.buffer.push(...page.items)
              s.done = page.done
            }),
          )
          continue
        }
        const ready = state.filter((s) => s.buffer.length > 0)
        if (!ready.length) break
        let newest = ready[0]
        for (const s of ready) if (timeOf(s.buffer[0]) > timeOf(newest.buffer[0])) newest = s
        out.push(newest.buffer.shift()!)
      }
      const done = state.every((s) => s.done && s.buffer.length === 0)
      return { items: out, done }
    },
  }
}

export interface PagedList<T> {
  readonly items: T[]
  state: LoadState
  error: string | null
  /** A pull-to-refresh in progress (the items stay visible meanwhile). */
  refreshing: boolean
  /** At least one page arrived since the list was created. */
  loaded: boolean
  loadMore(): Promise<void>
  /** Reloads from the first page; `pulled` when the operator pulled (shows the pull head). */
  refresh(pulled?: boolean): Promise<void>
  /**
   * Reloads quietly as deep as the list was loaded, replacing the rows in one go: after a
   * decision, a kept-alive list keeps its length, so the restored scroll position still
   * shows the rows the operator left (not page one, then a jump).
   */
  refreshInPlace(): Promise<void>
  remove(predicate: (item: T) => boolean): void
}

export function usePagedList<T>(createPager: () => Pager<T>): PagedList<T> {
  const items = shallowRef<T[]>([])
  const state = ref<LoadState>('idle')
  const error = ref<string | null>(null)
  const refreshing = ref(false)
  const loaded = ref(false)
  let pager = createPager()
  let generation = 0

  async function loadMore() {
    if (state.value === 'loading' || state.value === 'done') return
    const gen = generation
    state.value = 'loading'
    error.value = null
    try {
      const page = await pager.next()
      show(gen, [...items.value, ...page.items], page.done)
    } catch (e) {
      failed(gen, e)
    }
  }

  /** An answer of the current generation (a stale one, from before a refresh, is dropped). */
  function show(gen: number, rows: T[], done: boolean) {
    if (gen !== generation) return
    items.value = rows
    loaded.value = true
    state.value = done ? 'done' : 'idle'
  }
  function failed(gen: number, e: unknown) {
    if (gen !== generation) return
    error.value = errorMessage(e)
    state.value = 'error'
  }

  async function refresh(pulled = false, depth = 0) {
    const gen = ++generation
    refreshing.value = pulled
    state.value = 'loading'
    error.value = null
    const fresh = createPager()
    try {
      let page = await fresh.next()
      let rows = page.items
      while (!page.done && rows.length < depth && gen === generation) {
        page = await fresh.next()
        rows = [...rows, ...page.items]
      }
      if (gen === generation) pager = fresh
      show(gen, rows, page.done)
    } catch (e) {
      failed(gen, e)
    } finally {
      if (gen === generation) refreshing.value = false
    }
  }

  function remove(predicate: (item: T) => boolean) {
    items.value = items.value.filter((i) => !predicate(i))
  }

  const refreshInPlace = () => refresh(false, items.value.length)

  return reactive({ items, state, error, refreshing, loaded, loadMore, refresh: (pulled?: boolean) => refresh(pulled), refreshInPlace, remove }) as PagedList<T>
}
