/**
 * Wiring shared by main.ts and the component tests: the CSRF token from the session, and a
 * 401 (session expired, logged out elsewhere) that shows this workbench's login page, coming
 * back to the same screen, instead of WeCom's login.
 */
import type { Pinia } from 'pinia'
import type { Router } from 'vue-router'
import { setCsrfSource, setUnauthenticatedHandler } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { loginRedirect } from './router'

export function wirePc(pinia: Pinia, router: Router) {
  const session = useSessionStore(pinia)
  setCsrfSource(async (refresh) => (await session.load(refresh)).csrfToken)
  setUnauthenticatedHandler(() => {
    session.me = null
    const target = loginRedirect(router.currentRoute.value)
    if (target) void router.replace(target)
  })
}
