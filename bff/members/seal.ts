/**
 * Seals what older versions kept in clear (docs/DOMAIN.md §6a): a migration has no DATA_KEY
 * (0008 the foreign birth dates, 0011 members' phone numbers, 0012 accounts'), so this runs at
 * start-up and before an import. Idempotent: after the first run it finds nothing and costs one query of each kind.
 * A province has millions of members: pages of PAGE rows, in id order, one transaction each,
 * never the whole table in memory.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { DataCrypto } from '../security/data-crypto'
import { mobileColumns, sealBirthDate, sealMobile, unsealedBirthDates, unsealedMobiles } from './repository'
import { accountMobileColumns, sealAccountMobile, unsealedAccountMobiles } from '../accounts/repository'

const PAGE = 500

export async function sealPersonalData(db: Kysely<Database>, crypto: DataCrypto, opts: { page?: number } = {}): Promise<void> {
  await sealBirthDates(db, crypto)
  await sealMobiles(db, crypto, opts.page ?? PAGE)
  await sealAccountMobiles(db, crypto, opts.page ?? PAGE)
}

async function sealBirthDates(db: Kysely<Database>, crypto: DataCrypto): Promise<void> {
  for (;;) {
    const rows = await unsealedBirthDates(db, PAGE)
    if (!rows.length) return
    await db.transaction().execute(async (trx) => {
      for (const r of rows) await sealBirthDate(trx, r.id, crypto.encrypt(r.birth_date))
    })
  }
}

async function sealMobiles(db: Kysely<Database>, crypto: DataCrypto, page: number): Promise<void> {
  await sealInPages(db, page, (after) => unsealedMobiles(db, after, page), (trx, r) => sealMobile(trx, r.id, r.mobile, mobileColumns(crypto, r.mobile)))
}

async function sealAccountMobiles(db: Kysely<Database>, crypto: DataCrypto, page: number): Promise<void> {
  await sealInPages(db, page, (after) => unsealedAccountMobiles(db, after, page), (trx, r) => sealAccountMobile(trx, r.id, r.mobile, accountMobileColumns(crypto, r.mobile)))
}

/** Every row `unsealed` finds after an id, a page at a time in id order, one transaction a page. */
async function sealInPages<R extends { id: number }>(
  db: Kysely<Database>,
  page: number,
  unsealed: (afterId: number) => Promise<R[]>,
  seal: (trx: Transaction<Database>, row: R) => Promise<void>,
): Promise<void> {
  let after = 0
  for (;;) {
    const rows = await unsealed(after)
    if (!rows.length) return
    await db.transaction().execute(async (trx) => {
      for (const r of rows) await seal(trx, r)
    })
    if (rows.length < page) return
    after = rows[rows.length - 1].id
  }
}
