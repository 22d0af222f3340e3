/**
 * `npm run export -- FILE` (docs/CONTRACT.md): the whole database in the import format,
 * streamed. Each section is read in keyset pages (bff/export/repository.ts) and written record
 * by record, waiting for the file to drain, so memory stays flat at any size. The file is
 * written beside FILE and renamed at the end: an interrupted export never leaves a file that
 * looks complete.
 */
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { once } from 'node:events'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { DataCrypto } from '../security/data-crypto'
import { accountPage, committeeSteps, countExternalMembers, memberPage, openTransferPage, orgPage, pendingChangePage, returnReasons } from './repository'
import { accountRecord, changeRequestRecord, memberRecord, orgRecord, transferRecord } from './records'

export interface ExportCounts {
  organizations: number
  accounts: number
  members: number
  changeRequests: number
  transfers: number
  /** Members transferred out of the province (at `external`): the format has no place for them. */
  leftProvince: number
}

export interface ExportOptions {
  pageSize?: number
  /** Called after every page with the rows read so far (the progress line). */
  onRows?: (rows: number) => void
}

/** Reads pages of `read` after the last id until one comes back short. */
async function* pages<R extends { id: number }>(read: (after: number) => Promise<R[]>, size: number): AsyncGenerator<R[]> {
  for (let after = 0; ; ) {
    const page = await read(after)
    if (page.length > 0) yield page
    if (page.length < size) return
    after = page[page.length - 1].id
  }
}

export async function runExport(db: Kysely<Database>, crypto: DataCrypto, file: string, opts: ExportOptions = {}): Promise<ExportCounts> {
  const size = opts.pageSize ?? 1000
  const partial = `${file}.partial`
  const out = createWriteStream(partial, { flags: 'wx' })
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  const counts: ExportCounts = { organizations: 0, accounts: 0, members: 0, changeRequests: 0, transfers: 0, leftProvince: 0 }
  let rows = 0
  /** One JSON array of the file, its records one per line. */
  const section = async <R extends { id: number }>(name: keyof ExportCounts, first: boolean, read: (after: number) => Promise<R[]>, records: (page: R[]) => Promise<unknown[]>) => {
    await write(`${first ? '{\n' : ',\n'}"${name}": [`)
    let n = 0
    for await (const page of pages(read, size)) {
      for (const record of await records(page)) await write(`${n++ === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`)
      rows += page.length
      opts.onRows?.(rows)
    }
    counts[name] = n
    await write(n ? '\n]' : ']')
  }
  try {
    await section('organizations', true, (after) => orgPage(db, after, size), async (page) => page.map(orgRecord))
    await section('accounts', false, (after) => accountPage(db, after, size), async (page) => page.map((a) => accountRecord(a, crypto)))
    await section('members', false, (after) => memberPage(db, after, size), async (page) => {
      const reasons = await returnReasons(db, page.map((m) => m.id))
      return page.map((m) => memberRecord(m, crypto, reasons.get(m.id) ?? null))
    })
    await section('changeRequests', false, (after) => pendingChangePage(db, after, size), async (page) =>
      page.map((r) => changeRequestRecord(crypto.decrypt(r.id_card_enc), r.changes_json ?? '[]', r.submitted_at)),
    )
    await section('transfers', false, (after) => openTransferPage(db, after, size), async (page) => {
      const committee = new Map((await committeeSteps(db, page.filter((t) => t.current_role === 'allocate').map((t) => t.id))).map((s) => [s.transfer_id, s.seq]))
      return page.map((t) => transferRecord(t, crypto.decrypt(t.id_card_enc), committee.get(t.id) ?? null))
    })
    await write('\n}\n')
    counts.leftProvince = await countExternalMembers(db)
    out.end()
    await once(out, 'finish')
    await rename(partial, file)
    return counts
  } catch (e) {
    out.destroy()
    await rm(partial, { force: true })
    throw e
  }
}
