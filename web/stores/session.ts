/**
 * Who is signed in (/api/me): account, organisation, CSRF token, PC site, WeCom settings.
 * Loaded once at start; every screen reads it, nothing waits for it to render its frame.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Me } from '@shared/api/me'
import { canDecide as kindCanDecide } from '@shared/organizations'
import { getMe, setNotifications } from '@/api/session'
import { errorMessage } from '@/api/http'
import type { LoadState } from '@/composables/usePagedList'

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const state = ref<LoadState>('idle')
  const error = ref<string | null>(null)
  let inflight: Promise<Me> | null = null

  function load(force = false): Promise<Me> {
    if (me.value && !force) return Promise.resolve(me.value)
    if (inflight) return inflight
    state.value = 'loading'
    error.value = null
    inflight = getMe()
      .then((m) => {
        me.value = m
        state.value = 'done'
        return m
      })
      .catch((e) => {
        state.value = 'error'
        error.value = errorMessage(e)
        throw e
      })
      .finally(() => {
        inflight = null
      })
    return inflight
  }

  /** Viewers (团干) read only (docs/DOMAIN.md §1). */
  const canDecide = computed(() => !!me.value && kindCanDecide(me.value.account.kind))
  /** Only a 团支部 has members, hence 资料审核 (docs/DOMAIN.md §6). */
  const isBranch = computed(() => me.value?.org.type === 'branch')

  async function updateNotifications(enabled: boolean) {
    await setNotifications(enabled)
    if (me.value) me.value = { ...me.value, notificationsEnabled: enabled }
  }

  return { me, state, error, load, canDecide, isBranch, updateNotifications }
})
