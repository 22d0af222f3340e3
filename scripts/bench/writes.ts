/**
 * Phase 3 of `npm run bench`: decisions. Batches of 200 transfer decisions at the 团委's node,
 * one after another, then single 资料审核 decisions of the branch (oldest first) on many
 * connections at once.
 */
import http from 'node:http'
import type { Kysely } from 'kysely'
import type { Database } from '../../bff/db/schema'
import { percentiles, request, type Target } from './load'
import { BATCHES, CONNECTIONS, DECISIONS, log } from './options'
import { oldestPendingReviews, transfersWaitingAt } from './repository'

export interface WriteResult {
  /** One row a kind of decision, for the report's table. */
  writes: object[]
  /** The transfers waiting at the 团委 when the phase began (the read phase opens one of them). */
  waiting: { id: number; version: number }[]
}

export async function measureDecisions(
  db: Kysely<Database>,
  app: Target,
  at: { committeeId: number; committee: Record<string, string>; branchId: number; branch: Record<string, string> },
): Promise<WriteResult> {
  const waiting = await transfersWaitingAt(db, at.committeeId, BATCHES * 200)
  const batchMs: number[] = []
  for (let b = 0; b < BATCHES; b++) {
    const items = waiting.slice(b * 200, b * 200 + 200)
    const s = performance.now()
    const res = await request(new http.Agent(), app, '/api/transfers/decisions', { method: 'POST', headers: at.committee, body: { items, decision: 'approve' }, keep: true })
    batchMs.push(Math.round(performance.now() - s))
    const failed = res.status === 200 ? (JSON.parse(res.body) as { results: { ok: boolean; message?: string }[] }).results.filter((r) => !r.ok) : []
    if (res.status !== 200 || failed.length) throw new Error(`batch decision: HTTP ${res.status} ${failed[0]?.message ?? res.body.slice(0, 200)}`)
  }
  const pending = await oldestPendingReviews(db, at.branchId, DECISIONS)
  const decided = await concurrentPosts(app, at.branch, pending.map((r, i) => ({
    path: `/api/profile-reviews/${r.id}/decision`, body: i % 2 ? { decision: 'approve', version: r.version } : { decision: 'return', reason: '照片不清晰，请重新上传', version: r.version },
  })), CONNECTIONS)
  const writes = [
    { case: `转接 batch of 200 decisions (团委, ${BATCHES} batches one after another)`, rps: +((BATCHES * 200) / (batchMs.reduce((a, b) => a + b, 0) / 1000)).toFixed(0), p50_ms: percentiles(batchMs).p50_ms, p99_ms: Math.max(...batchMs), runs_ms: batchMs },
    { case: `资料审核 decision (${DECISIONS} on ${CONNECTIONS} connections)`, rps: Math.round((decided.samples.length / decided.ms) * 1000), ...percentiles(decided.samples) },
  ]
  log(`writes: batches of 200 in ${batchMs.join(', ')} ms; ${writes[1].rps} 资料审核 decisions/s`)
  return { writes, waiting }
}

/** The POSTs of `jobs` on `connections` connections; latencies and wall time. */
async function concurrentPosts(target: Target, headers: Record<string, string>, jobs: { path: string; body: unknown }[], connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const samples: number[] = []
  let next = 0
  const started = performance.now()
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]
          const s = performance.now()
          const res = await request(agent, target, job.path, { method: 'POST', headers, body: job.body })
          if (res.status !== 200) throw new Error(`POST ${job.path}: HTTP ${res.status}`)
          samples.push(performance.now() - s)
        }
      }),
    )
  } finally {
    agent.destroy()
  }
  return { samples, ms: performance.now() - started }
}
