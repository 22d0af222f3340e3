/**
 * Writes a validated import file in ONE transaction (docs/CONTRACT.md: all or nothing): any
 * error — a unique violation from a concurrent writer included — rolls everything back.
 * Rows go in multi-row batches; transfers too, each planned by newTransferRows, the planner
 * of insertTransfer, so an imported application has exactly the route a live one would have.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { DataCrypto } from '../security/data-crypto'
import { hashPassword } from '../security/password'
import { memberValues, type MemberRow } from '../members/repository'
import { accountMobileColumns } from '../accounts/repository'
import { diffChanges } from '../members/changes'
import { newTransferRows } from '../transfers/service'
import { insertTransferBatch } from '../transfers/repository'
import { orgsByIds, type OrgRow } from '../orgs/repository'
import type { ImportCounts, ValidImport, ValidMember } from './format'
import { writeOrganizations } from './write-orgs'
import {
  createIndexes, dropIndexes, insertAccounts, insertMemberRows, insertProfileReviews, isEmptyTable, markChangePending, membersByHash, secondaryIndexes,
  type BulkTable, type IndexDefinition,
} from './repository'
import { reviewHistoryOf } from './review-history'
import { chunked } from './chunks'
import { enqueueImportedChecks } from '../realname/checks'
import { parseDurations, DEFAULT_RECHECK_DELAYS } from '../config'

export interface ImportOptions {
  now?: Date
  /** REALNAME_RECHECK_DELAYS, for the re-checks of imported failed members. */
  recheckDelaysMs?: number[]
  /**
   * Told while writing how many records of the file are written, of how many (organisations,
   * accounts, members, change requests, transfers): `npm run import` and the bench draw their
   * progress from it (scripts/progress.ts, issue #15). First called with 0 when writing starts.
   */
  onProgress?: (done: number, total: number) => void
}

/** Members are encrypted and written this many at a time, so progress moves while they go in. */
const MEMBER_CHUNK = 2_000
/**
 * Transfers go in this many at a time (and report progress as often): about 4,500 bound
 * variables for the applications and 7,000 for their steps, well under the limit (chunks.ts).
 */
const TRANSFER_BATCH = 250

export async function loadImportFile(db: Kysely<Database>, crypto: DataCrypto, file: ValidImport, opts: ImportOptions = {}): Promise<ImportCounts> {
  const nowDate = opts.now ?? new Date()
  const now = nowDate.toISOString()
  // scrypt runs on libuv's thread pool: the passwords are hashed side by side while the
  // main thread encrypts and writes members; accounts are written last, when the hashes are in.
  const hashing = Promise.all(file.accounts.map((a) => (a.password ? hashPassword(a.password) : a.passwordHash)))
  hashing.catch(() => undefined) // awaited below; this only keeps an early rollback from leaving it unhandled

  const total = file.organizations.length + file.accounts.length + file.members.length + file.changeRequests.length + file.transfers.length
  let done = 0
  const tick = (n: number) => {
    done += n
    opts.onProgress?.(done, total)
  }
  tick(0)

  return db.transaction().execute((trx) => withIndexesDeferred(trx, async () => {
    const referenced = [
      ...file.organizations.flatMap((o) => (o.parent ? [o.parent] : [])),
      ...file.accounts.map((a) => a.org),
      ...file.members.map((m) => m.org),
      ...file.transfers.map((t) => t.to),
    ]
    const { byCode: orgs, created: organizations } = await writeOrganizations(trx, file.organizations, referenced, now)
    const orgId = (code: string) => orgs.get(code)!.id
    tick(file.organizations.length)

    const memberIds = await insertMembers(trx, crypto, file.members, orgId, now, tick)
    const realNameChecks = await enqueueImportedChecks(
      trx,
      file.members.map((m, i) => ({ id: memberIds[i], realNameStatus: m.realNameStatus, appliedAt: m.appliedAt })),
      opts.recheckDelaysMs ?? parseDurations(DEFAULT_RECHECK_DELAYS),
      nowDate,
    )
    const history = file.members.flatMap((m, i) => reviewHistoryOf(m, memberIds[i], orgId(m.org)))
    await insertProfileReviews(trx, history)

    const changeRequests = await insertChangeRequests(trx, crypto, file, now)
    tick(file.changeRequests.length)
    const { transfers, steps } = await insertTransfers(trx, crypto, file, orgs, tick)

    const passwordHashes = await hashing
    await insertAccounts(
      trx,
      file.accounts.map((a, i) => ({
        org_id: orgId(a.org), kind: a.kind, name: a.name, ...accountMobileColumns(crypto, a.mobile), wecom_user_id: a.wecomUserId,
        password_hash: passwordHashes[i], root_admin: a.rootAdmin ? 1 : 0, created_at: now,
      })),
    )
    tick(file.accounts.length)

    return {
      organizations,
      accounts: file.accounts.length,
      members: file.members.length,
      registrationReviews: history.length,
      changeRequests,
      transfers,
      realNameChecks,
      // A change request is a review row plus the member's status update.
      rows: organizations + file.accounts.length + file.members.length + history.length + 2 * changeRequests + transfers + steps,
    }
  }))
}

/** The tables an import fills in bulk: 200,000 members bring some 40,000 review rows and 15,000 transfers. */
const BULK_TABLES: BulkTable[] = ['members', 'profile_reviews', 'transfers', 'transfer_steps']

/**
 * A bulk table still empty when the load starts (a new database, or the first load of its
 * kind) is written without its secondary indexes, which are then created from the statements
 * the database kept (secondaryIndexes): one sort per index instead of a B-tree insertion per
 * row and index, which was most of SQLite's share of the import (issue #12). All of it runs
 * in the load's transaction (DDL is transactional in SQLite and PostgreSQL), so a load that
 * fails leaves the indexes as they were. A table that already has rows keeps its indexes.
 * What the load reads meanwhile goes by primary key or unique index, which stay.
 */
async function withIndexesDeferred<T>(trx: Transaction<Database>, write: () => Promise<T>): Promise<T> {
  const deferred: IndexDefinition[] = []
  for (const table of BULK_TABLES) if (await isEmptyTable(trx, table)) deferred.push(...(await secondaryIndexes(trx, table)))
  await dropIndexes(trx, deferred)
  const result = await write()
  await createIndexes(trx, deferred)
  return result
}

/**
 * Members in chunks (encrypted, then written in batches); answers their ids in the file's order
 * (matched by lookup hash: RETURNING does not promise the input order).
 */
async function insertMembers(trx: Transaction<Database>, crypto: DataCrypto, members: ValidMember[], orgId: (code: string) => number, now: string, tick: (n: number) => void): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < members.length; i += MEMBER_CHUNK) {
    const rows = members.slice(i, i + MEMBER_CHUNK).map((m) => {
      const row = memberValues(crypto, { ...m, orgId: orgId(m.org) }, {
        profile_status: m.status,
        realname_status: m.realNameStatus,
        league_status: m.leagueStatus,
        added_at: m.addedAt,
        applied_at: m.appliedAt,
        reviewed_at: m.reviewedAt,
      }, now)
      row.expected_graduation = m.expectedGraduation ?? null
      return row
    })
    const byHash = await insertMemberRows(trx, rows)
    for (const r of rows) ids.push(byHash.get(r.id_card_hash)!)
    tick(rows.length)
  }
  return ids
}

/** Members named by ID number (in the file or already in the database), whole rows, by hash. */
async function membersByIdCard(trx: Transaction<Database>, crypto: DataCrypto, idCards: string[]): Promise<Map<string, MemberRow>> {
  const rows = await membersByHash(trx, new Set(idCards.map((id) => crypto.lookupHash(id))))
  return new Map(rows.map((row) => [row.id_card_hash, row]))
}

/** 修改资料 requests: a pending `change` review with before/after, the member `change_pending` (docs/DOMAIN.md §3). */
async function insertChangeRequests(trx: Transaction<Database>, crypto: DataCrypto, file: ValidImport, now: string): Promise<number> {
  if (file.changeRequests.length === 0) return 0
  const members = await membersByIdCard(trx, crypto, file.changeRequests.map((c) => c.idCard))
  const rows = file.changeRequests.map((c) => {
    const m = members.get(crypto.lookupHash(c.idCard))!
    return { member_id: m.id, org_id: m.org_id, kind: 'change' as const, state: 'pending' as const, submitted_at: c.submittedAt, changes_json: JSON.stringify(diffChanges(crypto, m, c.changes)) }
  })
  await insertProfileReviews(trx, rows)
  await markChangePending(trx, rows.map((r) => r.member_id), now)
  return rows.length
}

/**
 * Applications in batches: each one's rows from newTransferRows, the planner insertTransfer
 * uses (so the route is the one a live application gets, `atStep` honoured), then
 * insertTransferBatch, a multi-row INSERT per batch.
 */
async function insertTransfers(trx: Transaction<Database>, crypto: DataCrypto, file: ValidImport, orgs: Map<string, OrgRow>, tick: (n: number) => void) {
  if (file.transfers.length === 0) return { transfers: 0, steps: 0 }
  const members = await membersByIdCard(trx, crypto, file.transfers.map((t) => t.idCard))
  const branches = await orgsByIds(trx, [...members.values()].map((m) => m.org_id))
  let steps = 0
  for (const batch of chunked(file.transfers, TRANSFER_BATCH)) {
    const rows = batch.map((t) => {
      const m = members.get(crypto.lookupHash(t.idCard))!
      return newTransferRows({
        memberId: m.id,
        fromOrg: branches.get(m.org_id)!,
        toOrg: orgs.get(t.to)!,
        kind: t.kind,
        cause: t.cause,
        causeNote: t.causeNote,
        studyWorkUnit: t.studyWorkUnit,
        initiator: t.initiator,
        initiatedBy: null,
        appliedAt: t.appliedAt,
        atStep: t.atStep ?? undefined,
      })
    })
    await insertTransferBatch(trx, rows)
    for (const r of rows) steps += r.steps.length
    tick(rows.length)
  }
  return { transfers: file.transfers.length, steps }
}
