/**
 * `npm start` refuses to run where it must not (docs/CONTRACT.md "Modes", issue #10): one
 * Chinese line per problem naming the variable, exit code 1, nothing served. What `npm start`
 * runs (scripts/serve.js, the bundled scripts/start.ts) runs as a real child process in a
 * temporary directory (no demo secrets land in the repository).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDatabase } from '../bff/db/dialect'
import { migrateToLatest } from '../bff/db/migrations'
import { markDemo } from '../bff/modes/repository'
import { runImport } from '../bff/import/run'
import { createDataCrypto } from '../bff/security/data-crypto'
import { sampleFile, SAMPLE_NOW } from '../bff/import/sample-file'
import { productionEnv } from '../bff/test/production-env'

const ROOT = resolve(import.meta.dirname, '..')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'start-refusal-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs npm start's script with exactly `env` (plus PATH), never the caller's configuration. */
function start(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/serve.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A database with real (imported, not demo) data, or a demo-marked one. */
async function database(kind: 'imported' | 'demo'): Promise<string> {
  const url = `sqlite:${join(dir, `${kind}.db`)}`
  const handle = await openDatabase(url)
  await migrateToLatest(handle.db)
  if (kind === 'demo') await markDemo(handle.db)
  const outcome = await runImport(handle.db, createDataCrypto(randomBytes(32)), sampleFile(), { now: SAMPLE_NOW })
  expect(outcome.ok).toBe(true)
  await handle.close()
  return url
}

// Each case starts a Node process (the first one may build the bundle): seconds on a busy 2-core machine.
describe('npm start refuses', { timeout: 30_000 }, () => {
  it('NODE_ENV=production with nothing set: names every missing variable, one line each, exit 1', () => {
    const r = start({ NODE_ENV: 'production' })
    expect(r.code).toBe(1)
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('  '))
    for (const name of ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'SESSION_SECRET', 'DATA_KEY', 'INTEGRATION_TOKEN', 'PUBLIC_BASE_URL', 'REALNAME_PROVIDER']) {
      expect(lines.filter((l) => l.includes(name)), name).toHaveLength(1)
    }
    expect(r.stderr).not.toMatch(/\bat .+\.[jt]s:\d+/) // no stack trace
    expect(existsSync(join(dir, 'data'))).toBe(false) // no database, no demo secrets
  })

  it('a production configuration on a demo database', async () => {
    const url = await database('demo')
    const r = start({ ...productionEnv(), DATABASE_URL: url })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('DATABASE_URL 指向演示数据库')
  })

  it('the demo on a database that was not created as a demo, naming the WeCom variables', async () => {
    const url = await database('imported')
    const r = start({ DATABASE_URL: url })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('不是演示数据库')
    for (const name of ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'SESSION_SECRET', 'DATA_KEY', 'INTEGRATION_TOKEN']) expect(r.stderr).toContain(`缺少环境变量 ${name}`)
    expect(existsSync(join(dir, 'data'))).toBe(false)
  })

  it('a malformed variable in the demo too, before anything is built or written', () => {
    const r = start({ DATABASE_URL: `sqlite:${join(dir, 'new.db')}`, SESSION_IDLE_MINUTES: 'two hours' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('SESSION_IDLE_MINUTES 的值 “two hours” 不是')
    expect(existsSync(join(dir, 'new.db'))).toBe(false)
  })
})
