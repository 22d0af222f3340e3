/**
 * `npm start` serves from the pre-built bundle (issue #12, scripts/build-server.ts): the
 * server process is plain `node scripts/serve.js` running dist/server.js — no tsx compiling
 * TypeScript in it — and still finds what it reads by path (the web pages, the migrations in
 * the bundle). A real child process in a temporary directory; the demo's start through the
 * same script is test/e2e/demo-start.e2e.ts.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { productionEnv } from '../bff/test/production-env'
import { buildServer } from './build-server'
import { buildWebIfStale } from './build-web'
import { freePort } from './free-port'

const ROOT = resolve(import.meta.dirname, '..')

let dir: string
let child: ChildProcess | null = null

// The pages are what a phone is served; the bundle is what `npm start` would build first.
beforeAll(async () => {
  await buildServer()
  await buildWebIfStale()
}, 300_000)

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child!.once('exit', done))
    child.kill('SIGTERM')
    await exited
  }
  child = null
  rmSync(dir, { recursive: true, force: true })
})

/** Runs what `npm start` runs with exactly `env` (plus PATH) and waits until it says it has started. */
async function start(env: Record<string, string>): Promise<{ base: string; pid: number }> {
  dir = mkdtempSync(join(tmpdir(), 'serve-bundle-'))
  const port = await freePort()
  child = spawn(process.execPath, [join(ROOT, 'scripts/serve.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), SIM_PORT: String(await freePort()), DATABASE_URL: `sqlite:${join(dir, 'app.db')}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((done, fail) => {
    const seen = (chunk: Buffer) => {
      output += chunk
      if (output.includes('已启动')) done()
    }
    child!.stdout!.on('data', seen)
    child!.stderr!.on('data', seen)
    child!.once('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${output}`)))
  })
  return { base: `http://127.0.0.1:${port}`, pid: child.pid! }
}

async function expectServing(base: string) {
  const health = await fetch(`${base}/healthz`)
  expect(health.status).toBe(200)
  expect(await health.json()).toEqual({ ok: true })
  // Every migration (bundled, registered in code) has run.
  const ready = await fetch(`${base}/readyz`)
  expect(ready.status).toBe(200)
  expect(await ready.json()).toEqual({ ok: true })
  // dist/web found from the bundle's own place.
  const page = await fetch(`${base}/`)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<div id="app"')
}

/** The server process: its command line, and its resident memory in MB (Linux /proc). */
function processOf(pid: number) {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  const rssMb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
  return { cmdline, rssMb }
}

describe('NODE_ENV=production npm start runs the bundle, not tsx', { timeout: 60_000 }, () => {
  it('answers /healthz, /readyz and the page from a process without tsx, in less memory than under tsx', async () => {
    const { base, pid } = await start(productionEnv())
    await expectServing(base)
    const server = processOf(pid)
    expect(server.cmdline).toEqual([process.execPath, join(ROOT, 'scripts/serve.js')])
    // Under tsx the same server held about 175 MB before its first request, from the bundle about 120.
    expect(server.rssMb).toBeLessThan(150)
    expect(readFileSync(join(ROOT, 'dist/server.js'), 'utf8')).not.toMatch(/from ["']tsx|import\(["']tsx/)
  })
})
