/**
 * Hash history: inside WeCom the JS-SDK signs `location.href` without the hash, so one
 * signature serves every screen (docs/WECOM.md §6.1). Lists are kept alive; going back restores
 * the saved scroll position.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from '@/pages/HomePage.vue'
// In the entry, not a chunk of its own (issue #12): operators land here from the WeCom card of
// new requests, and on a phone network a route chunk (with its share of components) is one more
// round trip before the first row.
import ReviewListPage from '@/pages/ReviewListPage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    title: string
    /** Shows the 首页 / 我的 tab bar. */
    tabbar?: boolean
    /** Kept alive across list → detail → back. */
    keepAlive?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: '团务管理首页', tabbar: true, keepAlive: true } },
  { path: '/mine', name: 'mine', component: () => import('@/pages/MinePage.vue'), meta: { title: '我的', tabbar: true } },
  { path: '/reviews', name: 'reviews', component: ReviewListPage, meta: { title: '资料审核', keepAlive: true } },
  { path: '/reviews/:id(\\d+)', name: 'review', component: () => import('@/pages/ReviewDetailPage.vue'), props: true, meta: { title: '资料审核' } },
  { path: '/transfers', name: 'transfers', component: () => import('@/pages/TransferTodoPage.vue'), meta: { title: '待审核', keepAlive: true } },
  { path: '/transfers/:id(\\d+)', name: 'transfer', component: () => import('@/pages/TransferDetailPage.vue'), props: true, meta: { title: '转接详情' } },
  { path: '/allocations', name: 'allocations', component: () => import('@/pages/AllocationListPage.vue'), meta: { title: '待分配', keepAlive: true } },
  { path: '/handled', name: 'handled', component: () => import('@/pages/HandledPage.vue'), meta: { title: '已审核', keepAlive: true } },
  { path: '/members', name: 'members', component: () => import('@/pages/MemberSearchPage.vue'), meta: { title: '团员查询', keepAlive: true } },
  { path: '/members/:id(\\d+)', name: 'member', component: () => import('@/pages/MemberDetailPage.vue'), props: true, meta: { title: '团员资料' } },
  { path: '/backlog', name: 'backlog', component: () => import('@/pages/BacklogPage.vue'), meta: { title: '下级待办' } },
  { path: '/backlog/:orgId(\\d+)/items', name: 'backlog-items', component: () => import('@/pages/BacklogItemsPage.vue'), props: (r) => ({ orgId: r.params.orgId, name: r.query.name }), meta: { title: '下级待办' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHashHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  router.afterEach((to) => {
    document.title = to.meta.title ?? '团务审核'
  })
  return router
}
