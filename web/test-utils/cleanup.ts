/**
 * What a component test leaves behind, undone after each test: open toasts, Vant's teleported
 * dialogs in the body, the stubbed fetch (stubApi) and the CSRF token source of a session.
 */
import { afterEach, vi } from 'vitest'
import { closeToast } from 'vant'
import { setCsrfSource } from '@/api/http'

export function cleanUpAfterEach(): void {
  afterEach(() => {
    closeToast(true)
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
    setCsrfSource(() => '')
  })
}
