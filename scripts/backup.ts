/**
 * `npm run backup -- FILE` (docs/CONTRACT.md): an online backup of the SQLite database of
 * DATABASE_URL into FILE, page by page while the app keeps serving (SQLite's backup API, so
 * the copy is consistent even with writers running). Restore: stop the app, put FILE in
 * place of the database file (and remove its -wal / -shm), start. PostgreSQL is backed up
 * with pg_dump or continuous archiving (README 部署).
 */
import { existsSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import { progress } from './progress'

class Refusal extends Error {}

async function main(argv: string[]): Promise<void> {
  const file = argv[0]
  if (!file || argv.length > 1) throw new Refusal('用法：npm run backup -- 备份文件.db')
  const url = process.env.DATABASE_URL || 'sqlite:./data/app.db'
  if (/^postgres(ql)?:\/\//.test(url)) throw new Refusal('DATABASE_URL 是 PostgreSQL：请用 pg_dump 或持续归档（PITR）备份，见 README 部署')
  if (!url.startsWith('sqlite:') || url === 'sqlite::memory:') throw new Refusal('DATABASE_URL 应为 sqlite:数据库文件路径')
  const path = url.slice('sqlite:'.length)
  if (!existsSync(path)) throw new Refusal(`找不到数据库文件 ${path}`)
  if (existsSync(file)) throw new Refusal(`备份文件 ${file} 已存在，不会覆盖`)
  const db = new SQLite(path, { fileMustExist: true })
  try {
    const bar = progress('备份', 0, { unit: '页' })
    await db.backup(file, {
      progress({ totalPages, remainingPages }) {
        bar.total = totalPages
        bar.update(totalPages - remainingPages)
        return 1000 // pages per step: the app's writers get their turn in between
      },
    })
    bar.finish(`备份完成：${path} → ${file}`)
  } finally {
    db.close()
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Refusal ? e.message : `备份失败：${(e as Error).message}`)
  process.exit(1)
})
