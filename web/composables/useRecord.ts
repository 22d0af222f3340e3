/**
 * One record for a detail screen (a member, a review, a transfer), loaded at once: the data,
 * the state as the lists name it ('idle' | 'loading' | 'done' | 'error'), the message of a
 * failure, and `load` to retry or to show the truth after a decision failed. The data of an
 * earlier load stays on screen while a reload runs.
 */
import { ref, type Ref } from 'vue'
import { errorMessage } from '@/api/http'
import type { LoadState } from './usePagedList'

export function useRecord<T>(fetch: () => Promise<T>, message: (e: unknown) => string = errorMessage) {
  const data = ref<T | null>(null) as Ref<T | null>
  const state = ref<LoadState>('idle')
  const error = ref('')

  async function load() {
    state.value = 'loading'
    try {
      data.value = await fetch()
      state.value = 'done'
    } catch (e) {
      error.value = message(e)
      state.value = 'error'
    }
  }
  void load()

  return { data, state, error, load }
}
