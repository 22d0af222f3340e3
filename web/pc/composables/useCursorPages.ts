/**
 * Page-by-page browsing of a cursor-paged list (docs/CONTRACT.md: `{items, nextCursor}`, never
 * offsets): 上一页/下一页 by keeping the cursor of every page seen, and a page size of
 * 20/50/100. State as elk names it: 'idle' | 'loading' | 'done' | 'error'. A stale answer
 * (the filters changed meanwhile) is dropped.
 */
import { computed, reactive, ref, shallowRef } from 'vue'
import type { PageOf } from '@shared/api/common'
import { errorMessage } from '@/api/http'
import type { LoadState } from '@/composables/usePagedList'

export const PAGE_SIZES = [20, 50, 100] as const

export type FetchPage<T> = (page: { cursor: string | null; limit: number }) => Promise<PageOf<T>>

export function useCursorPages<T>(fetchPage: FetchPage<T>, initialSize: number = PAGE_SIZES[0]) {
  const items = shallowRef<T[]>([])
  const state = ref<LoadState>('idle')
  const error = ref<string | null>(null)
  const pageSize = ref(initialSize)
  /** cursors[i] opens page i (cursors[0] = null: the first page). */
  const cursors = ref<(string | null)[]>([null])
  const index = ref(0)
  const nextCursor = ref<string | null>(null)
  let generation = 0

  async function show(i: number) {
    const gen = ++generation
    state.value = 'loading'
    error.value = null
    try {
      const page = await fetchPage({ cursor: cursors.value[i] ?? null, limit: pageSize.value })
      if (gen !== generation) return
      items.value = page.items
      index.value = i
      nextCursor.value = page.nextCursor
      cursors.value = [...cursors.value.slice(0, i + 1), ...(page.nextCursor ? [page.nextCursor] : [])]
      state.value = page.nextCursor ? 'idle' : 'done'
    } catch (e) {
      if (gen !== generation) return
      error.value = errorMessage(e)
      state.value = 'error'
    }
  }

  /** Back to the first page (new filters, a new page size, or after a change). */
  const reload = () => {
    cursors.value = [null]
    return show(0)
  }
  /** The same page again (after a decision on one of its rows). */
  const refresh = () => show(index.value)
  const next = () => (nextCursor.value ? show(index.value + 1) : Promise.resolve())
  const prev = () => (index.value > 0 ? show(index.value - 1) : Promise.resolve())
  function setPageSize(n: number) {
    pageSize.value = n
    return reload()
  }

  return reactive({
    items,
    state,
    error,
    pageSize,
    /** 1-based, as people count. */
    page: computed(() => index.value + 1),
    hasPrev: computed(() => index.value > 0),
    hasNext: computed(() => nextCursor.value !== null),
    loading: computed(() => state.value === 'loading'),
    reload,
    refresh,
    next,
    prev,
    setPageSize,
  })
}

export type CursorPages<T> = ReturnType<typeof useCursorPages<T>>
