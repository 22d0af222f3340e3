/**
 * Hash routes of the workbench (/pc/#/members …), like the mobile app. Every screen but the
 * login needs a session; admin-only screens (运营者管理, 操作日志) need a 组织账号.
 */
import { createRouter, createWebHashHistory, type RouterHistory, type RouteLocationNormalized, type RouteLocationRaw, type RouteRecordRaw } from 'vue-router'
import type { Pinia } from 'pinia'
import { ApiError } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { hasSession } from '@/api/auth'
import PcLoginPage from './pages/PcLoginPage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** No session needed (the login page). */
    public?: boolean
    /** Only for 组织账号 (admins). */
    admin?: boolean
    /** The left-menu entry this screen belongs to. */
    menu?: string
  }
}

const pcRoutes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: PcLoginPage, meta: { title: '登录', public: true } },
  { path: '/', redirect: '/members' },
  { path: '/members', name: 'members', component: () => import('./pages/PcMembersPage.vue'), meta: { title: '我的团员', menu: 'members' } },
  { path: '/members/:id(\\d+)', name: 'member', component: () => import('./pages/PcMemberPage.vue'), props: true, meta: { title: '团员资料', menu: 'members' } },
  { path: '/reviews', name: 'reviews', component: () => import('./pages/PcReviewsPage.vue'), meta: { title: '资料审核', menu: 'reviews' } },
  { path: '/transfers', name: 'transfers', component: () => import('./pages/PcTransfersPage.vue'), meta: { title: '组织关系转接', menu: 'transfers' } },
  { path: '/transfers/new', name: 'transfer-new', component: () => import('./pages/PcTransferNewPage.vue'), meta: { title: '发起转接', menu: 'transfers' } },
  { path: '/transfers/:id(\\d+)', name: 'transfer', component: () => import('./pages/PcTransferPage.vue'), props: true, meta: { title: '转接详情', menu: 'transfers' } },
  { path: '/backlog', name: 'backlog', component: () => import('./pages/PcBacklogPage.vue'), meta: { title: '下级待办', menu: 'backlog' } },
  { path: '/accounts', name: 'accounts', component: () => import('./pages/PcAccountsPage.vue'), meta: { title: '运营者管理', menu: 'accounts', admin: true } },
  { path: '/audit', name: 'audit', component: () => import('./pages/PcAuditPage.vue'), meta: { title: '操作日志', menu: 'audit', admin: true } },
  { path: '/password', name: 'password', component: () => import('./pages/PcPasswordPage.vue'), meta: { title: '修改密码', menu: 'password' } },
  { path: '/:pathMatch(.*)*', redirect: '/members' },
]

/** Where a missing session goes: the login page, coming back to `from` afterwards. */
export function loginRedirect(from: Pick<RouteLocationNormalized, 'fullPath' | 'meta' | 'name'> | null): RouteLocationRaw | null {
  if (from?.meta.public) return null
  const next = from && from.name ? from.fullPath : window.location.hash.replace(/^#/, '') || '/members'
  return { name: 'login', query: next && next !== '/' ? { next } : {} }
}

export function createPcRouter(pinia: Pinia, history: RouterHistory = createWebHashHistory()) {
  const router = createRouter({ history, routes: pcRoutes, scrollBehavior: () => ({ top: 0 }) })
  router.beforeEach(async (to) => {
    if (to.meta.public) return true
    const session = useSessionStore(pinia)
    if (!session.me && !(await hasSession())) return { name: 'login', query: { next: to.fullPath } }
    try {
      const me = await session.load()
      if (to.meta.admin && me.account.kind !== 'admin') return { name: 'members' }
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return { name: 'login', query: { next: to.fullPath } }
      return true // shown by the frame (the session's error with 重新加载)
    }
  })
  router.afterEach((to) => {
    document.title = `${to.meta.title ?? '团务审核'} · 团务审核PC工作台`
  })
  return router
}
