/**
 * Keeps a kept-alive list in step with decisions made on detail pages: decided rows are
 * hidden at once, and the list reloads quietly when it shows again after any change.
 */
import { computed, onActivated } from 'vue'
import { useDecisionsStore, type DecidedKind } from '@/stores/decisions'
import type { PagedList } from './usePagedList'

export function useDecisionSync<T>(list: PagedList<T>, hide?: { kind: DecidedKind; idOf: (item: T) => number }) {
  const decisions = useDecisionsStore()
  let seen = decisions.stamp
  onActivated(() => {
    if (decisions.stamp !== seen && list.loaded) {
      seen = decisions.stamp
      void list.refresh()
    }
  })
  const visible = computed(() => (hide ? list.items.filter((i) => !decisions.isDecided(hide.kind, hide.idOf(i))) : list.items))
  /** Call after loading on purpose, so an own change does not trigger a second load. */
  const markSeen = () => (seen = decisions.stamp)
  return { visible, markSeen }
}
