/**
 * Phases 4 and 5 of `npm run bench`: reads on keep-alive connections in interleaved rounds —
 * /healthz (the floor) and the bare server, each list at page 1, at a deep page and with a
 * search term or filter, the dashboard, the details — and with `--soak` mixed reads for
 * minutes while the BFF's RSS is sampled.
 */
import http from 'node:http'
import type { Kysely } from 'kysely'
import type { Database } from '../../bff/db/schema'
import { request, rssOf, runLoad, type LoadCase, type Target } from './load'
import { DEEP_PAGE, PAGE } from './options'
import { newestMemberId, newestPendingReviewId } from './repository'

type Headers = Record<string, string>

/** Every read the bench measures, against the BFF `app` and the bare server `bare`. */
export async function readCases(
  db: Kysely<Database>,
  servers: { app: Target; bare: Target },
  as: { province: Headers; committee: Headers; branch: Headers },
  at: { branchId: number; aTransfer: number },
): Promise<LoadCase[]> {
  const { app, bare } = servers
  const { province, committee, branch } = as
  const deep = (path: string, headers: Headers) => urlOfPage(app, path, headers, DEEP_PAGE)
  const aReview = await newestPendingReviewId(db, at.branchId)
  const aMember = await newestMemberId(db, at.branchId)
  const p = `p${DEEP_PAGE}`
  return [
    { name: '/healthz (floor)', target: app, path: '/healthz' },
    { name: 'bare node:http (same machine)', target: bare, path: '/' },
    { name: '资料审核 待审核 p1 (branch)', target: app, path: '/api/profile-reviews?state=pending', headers: branch },
    { name: `资料审核 待审核 ${p} (branch)`, target: app, path: await deep('/api/profile-reviews?state=pending', branch), headers: branch },
    { name: '资料审核 待审核 q=王 (branch)', target: app, path: `/api/profile-reviews?state=pending&q=${encodeURIComponent('王')}`, headers: branch },
    { name: '资料审核 已审核 p1 (branch)', target: app, path: '/api/profile-reviews?state=handled', headers: branch },
    { name: `资料审核 已审核 ${p} (branch)`, target: app, path: await deep('/api/profile-reviews?state=handled', branch), headers: branch },
    { name: '转接 待审核 p1 (团委)', target: app, path: '/api/transfers?box=todo', headers: committee },
    { name: `转接 待审核 ${p} (团委)`, target: app, path: await deep('/api/transfers?box=todo', committee), headers: committee },
    { name: '转接 待审核 q=李 (团委)', target: app, path: `/api/transfers?box=todo&q=${encodeURIComponent('李')}`, headers: committee },
    { name: '转接 已审核 p1 (团委)', target: app, path: '/api/transfers?box=done', headers: committee },
    { name: '团员查询 p1 (province)', target: app, path: '/api/members?limit=20', headers: province },
    { name: `团员查询 ${p} (province)`, target: app, path: await deep('/api/members', province), headers: province },
    { name: '团员查询 q=张 (province)', target: app, path: `/api/members?q=${encodeURIComponent('张')}`, headers: province },
    { name: '团员查询 profileStatus filter (province)', target: app, path: '/api/members?profileStatus=registration_pending', headers: province },
    { name: '团员查询 p1 (团委)', target: app, path: '/api/members?limit=20', headers: committee },
    { name: '我的团员 p1 (branch)', target: app, path: '/api/members?limit=20', headers: branch },
    { name: `我的团员 ${p} (branch)`, target: app, path: await deep('/api/members', branch), headers: branch },
    { name: '我的团员 q=刘 (branch)', target: app, path: `/api/members?q=${encodeURIComponent('刘')}`, headers: branch },
    { name: '首页 dashboard (branch)', target: app, path: '/api/dashboard', headers: branch },
    { name: '首页 dashboard (团委)', target: app, path: '/api/dashboard', headers: committee },
    { name: '资料审核 detail (branch)', target: app, path: `/api/profile-reviews/${aReview}`, headers: branch },
    { name: '团员资料 detail (branch)', target: app, path: `/api/members/${aMember}`, headers: branch },
    { name: '转接 detail (团委)', target: app, path: `/api/transfers/${at.aTransfer}`, headers: committee },
  ]
}

/**
 * The URL of page `page` (1-based, PAGE rows a page) of `path`. A cursor is the key of the last
 * row served, whatever the page size, so the walk there goes 100 rows at a time.
 */
async function urlOfPage(target: Target, path: string, headers: Headers, page: number): Promise<string> {
  const agent = new http.Agent({ keepAlive: true })
  const urlOf = (cursor: string | null, limit: number) => {
    const u = new URL(path, 'http://bench')
    u.searchParams.set('limit', String(limit))
    if (cursor) u.searchParams.set('cursor', cursor)
    return u.pathname + u.search
  }
  let cursor: string | null = null
  try {
    for (let skipped = 0; skipped < (page - 1) * PAGE; ) {
      const limit = Math.min(100, (page - 1) * PAGE - skipped)
      const url = urlOf(cursor, limit)
      const res = await request(agent, target, url, { headers, keep: true })
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${res.body}`)
      cursor = (JSON.parse(res.body) as { nextCursor: string | null }).nextCursor
      skipped += limit
      if (!cursor) throw new Error(`${path} has only ${skipped} rows, the bench needs ${(page - 1) * PAGE + 1}`)
    }
  } finally {
    agent.destroy()
  }
  return urlOf(cursor, PAGE)
}

export interface SoakResult {
  minutes: number
  rss_mb: { at_s: number; mb: number }[]
  requests: number
}

/** `minutes` of mixed reads (every case of the BFF), the BFF's RSS every 10 seconds. */
export async function soak(app: Target, reads: LoadCase[], minutes: number, connections: number): Promise<SoakResult> {
  const samples: { at_s: number; mb: number }[] = []
  const soakStart = performance.now()
  let lastSample = -Infinity
  const mixed = reads.filter((c) => c.target === app)
  const rows = await runLoad(mixed, {
    connections, rounds: Math.max(1, Math.round((minutes * 60_000) / (mixed.length * 1000))), msPerBurst: 1000, label: '浸泡测试',
    afterBurst: () => {
      if (performance.now() - lastSample < 10_000) return
      lastSample = performance.now()
      samples.push({ at_s: Math.round((lastSample - soakStart) / 1000), mb: Math.round(rssOf(app.pid) / 1048576) })
    },
  })
  return { minutes, rss_mb: samples, requests: rows.reduce((a, r) => a + r.requests, 0) }
}
