import type { Me, Dashboard, JssdkSignature } from '@shared/api/me'
import { request } from './http'

export const getMe = () => request<Me>('GET', '/api/me')
export const getDashboard = () => request<Dashboard>('GET', '/api/dashboard')
export const setNotifications = (enabled: boolean) => request<{ ok: true }>('PUT', '/api/me/notifications', { body: { enabled } })
export const getJssdkSignature = (url: string) => request<JssdkSignature>('GET', '/api/wecom/jssdk-signature', { query: { url } })
/** Not under /api, but it changes state, so it carries the CSRF header as well. */
export const logout = () => request<unknown>('POST', '/auth/logout')
