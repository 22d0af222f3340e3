import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { demoAccounts, generateDemoData } from './demo-data'

const ROOT = resolve(import.meta.dirname, '..')

describe('npm run demo-data', () => {
  it('refuses a member count that is not a number', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo-data.ts', '--members=many'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('用法')
  })

  it('writes the generated import file where it is told', { timeout: 30_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-data-'))
    try {
      const out = join(dir, 'nested/demo.json')
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo-data.ts', out, '--members=500', '--seed=3'], { cwd: ROOT, encoding: 'utf8' })
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('500 名团员')
      const file = JSON.parse(readFileSync(out, 'utf8'))
      expect(file.members).toHaveLength(500)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lists the demo accounts with their organisations for npm start and the WeCom simulator', () => {
    const accounts = demoAccounts(generateDemoData({ now: new Date('2026-11-20T02:00:00Z') }))
    expect(accounts.find((a) => a.wecomUserId === 'zhangwei')).toEqual({
      name: '张伟', orgCode: 'b-001', orgName: '深圳大学软件工程2026级1班团支部', kind: 'operator', wecomUserId: 'zhangwei', mobile: expect.stringMatching(/^139/), password: 'demo1234',
    })
    expect(new Set(accounts.map((a) => a.wecomUserId).filter(Boolean)).size).toBe(accounts.filter((a) => a.wecomUserId).length)
  })
})
