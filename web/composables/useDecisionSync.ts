/**
 * Keeps a kept-alive list in step with decisions: rows decided on a detail page are hidden at
 * once, and the list reloads quietly, as deep as it was, whenever it shows again.
 */
import { computed, onActivated } from 'vue'
import { useDecisionsStore, type DecidedKind } from '@/stores/decisions'
import type { PagedList } from './usePagedList'

export function useDecisionSync<T>(list: PagedList<T>, hide?: { kind: DecidedKind; idOf: (item: T) => number }) {
  const decisions = useDecisionsStore()
  let seen = decisions.stamp
  let shown = false
  onActivated(() => {
    // onActivated also runs on the first mount, when the page loads the list itself.
    const again = shown
    shown = true
    // Shown again: after own decisions, and also because others decide meanwhile (a colleague,
    // the previous node handing an application on) while the home page's counts are fresh.
    // In place, so the rows and the restored scroll position stay.
    if ((again || decisions.stamp !== seen) && list.loaded) {
      seen = decisions.stamp
      void list.refreshInPlace()
    }
  })
  const visible = computed(() => (hide ? list.items.filter((i) => !decisions.isDecided(hide.kind, hide.idOf(i))) : list.items))
  /** Call after loading on purpose, so an own change does not trigger a second load. */
  const markSeen = () => (seen = decisions.stamp)
  return { visible, markSeen }
}
