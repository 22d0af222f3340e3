/**
 * `npm run export -- FILE` (docs/CONTRACT.md): the demo's SQLite database exported, imported
 * into a fresh database (PostgreSQL when TEST_DATABASE_URL is set, else another SQLite file)
 * with `npm run import`, and exported again: the two files hold the same organisations,
 * accounts (password hashes included), members, pending 修改资料 and open transfers. Both
 * commands run as real child processes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { openDatabase } from '../bff/db/dialect'
import { migrateToLatest } from '../bff/db/migrations'
import { markDemo } from '../bff/modes/repository'
import { runImport } from '../bff/import/run'
import { generateDemoData } from '../bff/import/demo/generate'
import { createDataCrypto } from '../bff/security/data-crypto'
import type { ImportFile } from '../bff/import/format'
import { testDatabase } from '../bff/test/context'

const ROOT = resolve(import.meta.dirname, '..')
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href

let dir: string
let cleanup: (() => Promise<void>)[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-'))
})
afterEach(async () => {
  for (const c of cleanup) await c()
  cleanup = []
  rmSync(dir, { recursive: true, force: true })
})

function command(script: 'export' | 'import', file: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, `scripts/${script}.ts`), file], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The demo's database: generated data through the real import, marked as a demo. */
async function demoDatabase(dataKey: string): Promise<string> {
  const url = `sqlite:${join(dir, 'demo.db')}`
  const h = await openDatabase(url)
  await migrateToLatest(h.db)
  await markDemo(h.db)
  const now = new Date(Date.now() - 3_600_000)
  const outcome = await runImport(h.db, createDataCrypto(Buffer.from(dataKey, 'base64')), generateDemoData({ now }), { now })
  expect(outcome.ok).toBe(true)
  await h.close()
  return url
}

/** A file's records in an order that does not depend on the database's ids. */
function normalised(file: ImportFile) {
  const by = <T>(key: (r: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b))
  return {
    organizations: [...file.organizations!].sort(by((o) => o.code)),
    accounts: [...file.accounts!].sort(by((a) => `${a.org}|${a.kind}|${a.name}|${a.mobile}|${a.wecomUserId}`)),
    members: [...file.members!].sort(by((m) => m.idCard)),
    changeRequests: [...file.changeRequests!].sort(by((c) => c.idCard)),
    transfers: [...file.transfers!].sort(by((t) => t.idCard)),
  }
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ImportFile

describe('npm run export', { timeout: 120_000 }, () => {
  it('the demo database round-trips: export → import into a fresh database → export gives the same file', async () => {
    const DATA_KEY = randomBytes(32).toString('base64')
    const source = await demoDatabase(DATA_KEY)
    const first = join(dir, 'first.json')
    const out = command('export', first, { DATABASE_URL: source, DATA_KEY })
    expect(out.stderr).toContain('导出完成')
    expect(out.code).toBe(0)
    expect(existsSync(`${first}.partial`)).toBe(false)

    const exported = read(first)
    const demo = await openDatabase(source)
    const count = async (table: 'members' | 'accounts' | 'transfers') => (await demo.db.selectFrom(table).select('id').execute()).length
    expect(exported.members).toHaveLength(await count('members'))
    expect(exported.accounts).toHaveLength(await count('accounts'))
    expect(exported.transfers!.length).toBeGreaterThan(0)
    expect(exported.changeRequests!.length).toBeGreaterThan(0)
    expect(exported.organizations!.some((o) => o.code === 'external')).toBe(false)
    expect(exported.accounts!.some((a) => a.passwordHash?.startsWith('scrypt$'))).toBe(true)
    // Accounts' phone numbers are stored only encrypted (migration 0012): the file has them decrypted.
    const mobiles = (f: ImportFile) => f.accounts!.flatMap((a) => (a.mobile ? [a.mobile] : [])).sort()
    expect(mobiles(exported)).toEqual(mobiles(generateDemoData()))
    expect(mobiles(exported).length).toBeGreaterThan(0)
    await demo.close()

    // A fresh target: PostgreSQL with TEST_DATABASE_URL (a schema of its own), else a new SQLite file.
    let target = `sqlite:${join(dir, 'moved.db')}`
    if (process.env.TEST_DATABASE_URL) {
      const pg = await testDatabase()
      cleanup.push(pg.close)
      target = pg.url
    }
    const imported = command('import', first, { DATABASE_URL: target, DATA_KEY })
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    const second = join(dir, 'second.json')
    expect(command('export', second, { DATABASE_URL: target, DATA_KEY }).code).toBe(0)
    expect(normalised(read(second))).toEqual(normalised(exported))
  })

  it('refuses to overwrite a file, and refuses a DATA_KEY the database was not written with', async () => {
    const DATA_KEY = randomBytes(32).toString('base64')
    const source = await demoDatabase(DATA_KEY)
    const existing = join(dir, 'there.json')
    writeFileSync(existing, 'keep me')
    const over = command('export', existing, { DATABASE_URL: source, DATA_KEY })
    expect(over.code).toBe(1)
    expect(over.stderr).toContain('已存在，不会覆盖')
    expect(readFileSync(existing, 'utf8')).toBe('keep me')

    const wrong = command('export', join(dir, 'wrong.json'), { DATABASE_URL: source, DATA_KEY: randomBytes(32).toString('base64') })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('DATA_KEY 与数据库中已有数据所用的密钥不一致')
    expect(existsSync(join(dir, 'wrong.json'))).toBe(false)
  })
})
