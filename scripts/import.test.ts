import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { sampleFile } from '../bff/import/sample-file'

const ROOT = resolve(import.meta.dirname, '..')
const SCRIPT = join(ROOT, 'scripts/import.ts')
// Absolute, so the CLI can run in a temporary directory (data/demo-secrets.json is relative to it).
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href
const KEY = randomBytes(32).toString('base64')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function run(file: unknown, env: Record<string, string | undefined> = { DATA_KEY: KEY }) {
  const path = join(dir, 'import.json')
  writeFileSync(path, typeof file === 'string' ? file : JSON.stringify(file))
  const { DATA_KEY: _unused, ...inherited } = process.env
  const r = spawnSync(process.execPath, ['--import', TSX, SCRIPT, path], {
    cwd: dir,
    env: { ...inherited, DATABASE_URL: `sqlite:${join(dir, 'app.db')}`, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const FULL_ID = /\d{17}[\dX]/

// Each case starts a Node process with tsx (two in the last one): seconds on a busy machine.
describe('npm run import', { timeout: 30_000 }, () => {
  it('exits 1 naming the JSON path of a bad ID number, shows no full ID number and leaves no database behind', () => {
    const file = sampleFile()
    const id = file.members![57].idCard
    file.members![57].idCard = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0')
    file.members![3].nation = file.members![3].idCard // an ID number in the wrong field is echoed masked
    const r = run(file)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('members[57].idCard: 校验码错误')
    expect(r.stderr).toContain('未写入任何数据')
    expect(r.stderr + r.stdout).not.toMatch(FULL_ID)
    expect(existsSync(join(dir, 'app.db'))).toBe(false)
  })

  it('exits 1 with the line and column of a JSON syntax error', () => {
    const r = run('{\n  "members": [\n    {"org": "b-001",}\n  ]\n}')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/不是有效的 JSON：第 3 行第 21 列/)
  })

  it('exits 1 with a Chinese message when DATA_KEY is missing and there are no demo secrets', () => {
    const r = run(sampleFile(), { DATA_KEY: undefined })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('缺少环境变量 DATA_KEY')
  })

  it('loads a good file with the demo key, printing the counts and the speed', () => {
    mkdirSync(join(dir, 'data'))
    writeFileSync(join(dir, 'data/demo-secrets.json'), JSON.stringify({ sessionSecret: 's', integrationToken: 't', dataKey: KEY }))
    const r = run(sampleFile(), { DATA_KEY: undefined })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/导入完成.*行\/秒/)
    expect(r.stdout).toContain('团员 60')
    // The same file again: everything is already there.
    const again = run(sampleFile())
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('organizations[0].code: 组织代码已存在于数据库中')
  })
})
