/**
 * `npm run backup -- FILE` (docs/CONTRACT.md): an online copy of the SQLite database that a
 * restore brings back whole — the restored file opens, migrates and holds every member.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { openDatabase } from '../bff/db/dialect'
import { migrateToLatest } from '../bff/db/migrations'
import { runImport } from '../bff/import/run'
import { createDataCrypto } from '../bff/security/data-crypto'
import { sampleFile, SAMPLE_NOW } from '../bff/import/sample-file'

const ROOT = resolve(import.meta.dirname, '..')
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backup-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function backup(databaseUrl: string, file: string) {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'scripts/backup.ts'), file], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

async function memberCount(url: string): Promise<number> {
  const h = await openDatabase(url)
  try {
    await migrateToLatest(h.db)
    return (await h.db.selectFrom('members').select('id').execute()).length
  } finally {
    await h.close()
  }
}

describe('npm run backup', { timeout: 30_000 }, () => {
  it('copies a live database (open by the app) and the copy restores with every member', async () => {
    const url = `sqlite:${join(dir, 'app.db')}`
    const app = await openDatabase(url) // the app keeps its connection open during the backup
    await migrateToLatest(app.db)
    const outcome = await runImport(app.db, createDataCrypto(randomBytes(32)), sampleFile(), { now: SAMPLE_NOW })
    expect(outcome.ok).toBe(true)
    try {
      const r = backup(url, join(dir, 'copy.db'))
      expect(r.stderr).toContain('备份完成')
      expect(r.code).toBe(0)
    } finally {
      await app.close()
    }
    // Restore: the backup file in place of the database.
    rmSync(join(dir, 'app.db'))
    for (const s of ['-wal', '-shm']) rmSync(join(dir, `app.db${s}`), { force: true })
    copyFileSync(join(dir, 'copy.db'), join(dir, 'app.db'))
    expect(await memberCount(url)).toBe(60)
  })

  it('refuses to overwrite, a missing database and PostgreSQL (pg_dump), exit 1', () => {
    const url = `sqlite:${join(dir, 'none.db')}`
    expect(backup(url, join(dir, 'x.db'))).toMatchObject({ code: 1, stderr: expect.stringContaining('找不到数据库文件') })
    expect(backup('postgres://x@127.0.0.1/db', join(dir, 'x.db'))).toMatchObject({ code: 1, stderr: expect.stringContaining('pg_dump') })
    expect(existsSync(join(dir, 'x.db'))).toBe(false)
  })
})
