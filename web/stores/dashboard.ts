/** The home page's counts (/api/dashboard), refreshed whenever the home page shows again. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Dashboard } from '@shared/api/me'
import { getDashboard } from '@/api/session'
import { errorMessage } from '@/api/http'

export const useDashboardStore = defineStore('dashboard', () => {
  const counts = ref<Dashboard | null>(null)
  const error = ref<string | null>(null)
  let inflight: Promise<void> | null = null

  function load(): Promise<void> {
    inflight ??= getDashboard()
      .then((d) => {
        counts.value = d
        error.value = null
      })
      .catch((e) => {
        error.value = errorMessage(e)
      })
      .finally(() => {
        inflight = null
      })
    return inflight
  }

  /** After a decision: take it off the count at once; the next load brings the truth. */
  function decided(kind: 'review' | 'transfer', n = 1) {
    const c = counts.value
    if (!c) return
    if (kind === 'review') c.profileReviews.pending = Math.max(0, c.profileReviews.pending - n)
    else c.transfers.pending = Math.max(0, c.transfers.pending - n)
  }

  return { counts, error, load, decided }
})
