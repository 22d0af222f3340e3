/**
 * What was decided in this session, so that the kept-alive lists update at once when the
 * operator comes back from a detail page (no reload, no flash), and refresh quietly after.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'

export type DecidedKind = 'review' | 'transfer'

export const useDecisionsStore = defineStore('decisions', () => {
  const decided = reactive(new Set<string>())
  /** Bumped on every change; a list compares it with the stamp of its last load. */
  const stamp = ref(0)

  function record(kind: DecidedKind, ids: number[]) {
    for (const id of ids) decided.add(`${kind}:${id}`)
    stamp.value++
  }
  /** Something changed elsewhere (e.g. a 409): lists should reload when shown. */
  function invalidate() {
    stamp.value++
  }
  const isDecided = (kind: DecidedKind, id: number) => decided.has(`${kind}:${id}`)

  return { stamp, record, invalidate, isDecided }
})
