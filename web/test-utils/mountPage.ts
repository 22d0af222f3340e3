/** Mounts the app's router at a path, with a fresh Pinia and the CSRF wiring of main.ts. */
import { defineComponent, h } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { flushPromises, mount } from '@vue/test-utils'
import { routes } from '@/router'
import { setCsrfSource } from '@/api/http'
import { useSessionStore } from '@/stores/session'

export async function mountPage(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore(pinia)
  setCsrfSource(async (refresh) => (await session.load(refresh)).csrfToken)
  await session.load().catch(() => {})
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router, pinia] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, session }
}

/**
 * Vant's NavBar measures itself 100/200/300 ms after mounting; let those timers run while the
 * DOM still exists (call from afterAll), or they throw after the environment is torn down.
 */
export const settleVantTimers = () => new Promise((resolve) => setTimeout(resolve, 350))
