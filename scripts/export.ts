/**
 * `npm run export -- FILE` (docs/CONTRACT.md): writes the database of DATABASE_URL (SQLite or
 * PostgreSQL) to FILE in the import format, streamed page by page, so an installation moves
 * with export → `npm run import` (SQLite → PostgreSQL, README 部署). ID numbers are decrypted
 * with DATA_KEY and written in full: the file is as secret as the database. Never overwrites.
 */
import { existsSync } from 'node:fs'
import { dataKeyFrom, Refusal } from './data-key'
import { progress } from './progress'
import { openDatabase } from '../bff/db/dialect'
import { createDataCrypto } from '../bff/security/data-crypto'
import { assertDataKeyMatches, DataKeyMismatch } from '../bff/import/read-existing'
import { hasTables } from '../bff/import/repository'
import { countRows } from '../bff/export/repository'
import { runExport } from '../bff/export/run'

async function main(argv: string[]): Promise<void> {
  const file = argv[0]
  if (!file || argv.length > 1) throw new Refusal('用法：npm run export -- 导出文件.json')
  if (existsSync(file)) throw new Refusal(`导出文件 ${file} 已存在，不会覆盖`)
  const crypto = createDataCrypto(dataKeyFrom(process.env))
  const url = process.env.DATABASE_URL || 'sqlite:./data/app.db'
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : null
  if (path !== null && (path === ':memory:' || !existsSync(path))) throw new Refusal(`找不到数据库文件 ${path}`)
  const handle = await openDatabase(url)
  try {
    if (!(await hasTables(handle.db))) throw new Refusal('数据库是空的（没有任何表），没有可导出的内容')
    await assertDataKeyMatches(handle.db, crypto)
    const bar = progress('导出', await countRows(handle.db))
    const c = await runExport(handle.db, crypto, file, { onRows: (n) => bar.update(n) })
    bar.finish(
      `导出完成：${file}（导入格式）——组织 ${c.organizations}，账号 ${c.accounts}，团员 ${c.members}，` +
        `修改资料申请 ${c.changeRequests}，进行中的转接 ${c.transfers}` +
        (c.leftProvince ? `；已转出省外的 ${c.leftProvince} 名团员不在导入格式中，未导出` : ''),
    )
    console.error('该文件含完整身份证号码和密码摘要，请与数据库同等保密，导入后删除。')
  } finally {
    await handle.close()
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Refusal || e instanceof DataKeyMismatch ? e.message : `导出失败：${(e as Error).stack ?? String(e)}`)
  process.exit(1)
})
