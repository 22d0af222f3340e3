/**
 * Phase 1 of `npm run bench`: the deterministic province slice (slice.ts), through the real
 * import (rows/s), then the sessions the measured requests carry: the province, the 团委 with
 * the deep transfer queue and the 团支部 with the deep 资料审核 queue.
 */
import type { AppContext } from '../../bff/context'
import { openDatabase, type DbHandle } from '../../bff/db/dialect'
import { runImport, rowsPerSecond } from '../../bff/import/run'
import { createSession } from '../../bff/sessions/service'
import { generateSlice, SLICE } from './slice'
import { DEEP, log, MEMBERS } from './options'
import { accountIdByWecomUser, orgIdByCode } from './repository'
import { progress, type Progress } from '../progress'

/** A signed-in session as the load client sends it. */
interface BenchSession {
  token: string
  headers: Record<string, string>
}

export interface ImportedSlice {
  handle: DbHandle
  ctx: AppContext
  imported: Record<string, number>
  generateS: number
  sessions: { province: BenchSession; committee: BenchSession; branch: BenchSession }
  branchId: number
  committeeId: number
}

export async function importSlice(databaseUrl: string, base: Omit<AppContext, 'db' | 'dialect'>): Promise<ImportedSlice> {
  const now = new Date()
  const t = performance.now()
  const file = generateSlice({ members: MEMBERS, deep: DEEP, otherTransfers: Math.round(MEMBERS / 70), now })
  const generateS = (performance.now() - t) / 1000
  log(`slice generated in ${generateS.toFixed(1)} s: ${file.members!.length} members, ${file.organizations!.length} organisations, ${file.transfers!.length} transfers`)
  const handle = await openDatabase(databaseUrl)
  // Progress on a terminal (issue #15); the log line below is the summary either way.
  let bar: Progress | null = null
  const onProgress = (done: number, total: number) => (bar ??= progress('导入', total, { unit: '条' })).update(done)
  const outcome = await runImport(handle.db, base.crypto, file, { now, onProgress }).finally(() => bar?.finish(null))
  if (!outcome.ok) throw new Error(`the slice does not import: ${outcome.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`)
  const encryption = encryptionCost(base.crypto, 20_000)
  const imported = { ...outcome.counts, seconds: +(outcome.ms / 1000).toFixed(1), rows_per_s: rowsPerSecond(outcome.counts, outcome.ms), members_per_s: Math.round(outcome.counts.members / (outcome.ms / 1000)), encryption_us_per_member: encryption }
  log(`imported ${imported.rows} rows in ${imported.seconds} s: ${imported.rows_per_s} rows/s (encryption ${encryption} µs a member)`)
  const ctx: AppContext = { ...base, db: handle.db, dialect: handle.dialect }
  const sessionOf = async (userid: string): Promise<BenchSession> => {
    const s = await createSession(ctx, await accountIdByWecomUser(handle.db, userid), 'mobile')
    return { token: s.token, headers: { cookie: `sid=${s.token}`, 'x-csrf-token': s.csrfToken } }
  }
  const sessions = { province: await sessionOf('bench-province'), committee: await sessionOf('bench-committee'), branch: await sessionOf('bench-branch') }
  return { handle, ctx, imported, generateS, sessions, branchId: await orgIdByCode(handle.db, SLICE.branch), committeeId: await orgIdByCode(handle.db, SLICE.committee) }
}

/** µs of encryption, lookup hash and masking per member (what the import spends on personal data). */
function encryptionCost(crypto: AppContext['crypto'], n: number): number {
  const s = performance.now()
  for (let i = 0; i < n; i++) {
    const id = `44030520010101${String(i % 1000).padStart(3, '0')}X`
    crypto.encrypt(id)
    crypto.lookupHash(id)
  }
  return +(((performance.now() - s) * 1000) / n).toFixed(1)
}
