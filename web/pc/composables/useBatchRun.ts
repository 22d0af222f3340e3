/**
 * The state every PC batch dialog shares (审核转接申请, 分配, 批量发起转接; docs/DOMAIN.md §5
 * "Batch", §5a): the request goes out in chunks of BATCH_MAX, each row succeeds or fails on its
 * own, and once the results were seen the list is told (`done`) however the dialog closes.
 */
import { ref, watch, type Ref } from 'vue'
import { BATCH_MAX } from '@shared/limits'
import { pcErrorMessage } from '../utils/errors'

export function useBatchRun<I, R>(
  show: Ref<boolean>,
  hooks: {
    /** Clears the dialog's own fields when it opens. */
    reset: () => void
    /** The results, once, when the dialog closes after a run. */
    done: (results: R[]) => void
  },
) {
  const error = ref('')
  const busy = ref(false)
  const results = ref<R[] | null>(null) as Ref<R[] | null>

  watch(show, (open) => {
    if (!open) {
      if (results.value) hooks.done(results.value)
      return
    }
    error.value = ''
    results.value = null
    hooks.reset()
  })

  /** Sends `items` in chunks of BATCH_MAX; a refused request shows its message and keeps the form. */
  async function run(items: readonly I[], send: (chunk: I[]) => Promise<{ results: R[] }>) {
    if (busy.value) return
    busy.value = true
    error.value = ''
    try {
      const all: R[] = []
      for (let i = 0; i < items.length; i += BATCH_MAX) all.push(...(await send(items.slice(i, i + BATCH_MAX))).results)
      results.value = all
    } catch (e) {
      error.value = pcErrorMessage(e)
    } finally {
      busy.value = false
    }
  }

  return { error, busy, results, run }
}
