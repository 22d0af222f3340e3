/**
 * `npm start` without WECOM_* (docs/CONTRACT.md "Commands"): the demo starts on an empty database,
 * prints its URL and the demo accounts, answers /healthz, and a newcomer can log in through
 * the printed URL as the first listed 运营者.
 *
 * The script runs as a real child process in its own process group (killing only the node
 * PID could leave children: docs/ARCHITECTURE.md), with a temporary working directory so its
 * data/demo-secrets.json does not land in the repository.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { demoAccounts, type DemoAccount } from '../../scripts/demo-data'
import { closeContexts, desktopPage, freePort, launchBrowser, ROOT, screenshot } from './harness'

const STARTUP_MS = 40_000
const EXIT_MS = 5_000
/** Who the demo lets in (the same for every size and seed of the demo data). */
const KNOWN = demoAccounts()

let child: ChildProcess | undefined
let dir: string | undefined
let browser: Browser | undefined
let output = ''
let baseUrl = ''
let accounts: DemoAccount[] = []

/** Resolves with everything printed once `pattern` has appeared; rejects on exit or after `ms`. */
function waitForOutput(proc: ChildProcess, pattern: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer)
      proc.stdout?.off('data', onData)
      proc.stderr?.off('data', onData)
      proc.off('exit', onExit)
      fn()
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (pattern.test(output)) done(() => resolve(output))
    }
    const onExit = (code: number | null) => done(() => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output}`)))
    const timer = setTimeout(() => done(() => reject(new Error(`npm start printed no ${pattern} within ${ms} ms:\n${output}`))), ms)
    proc.stdout?.on('data', onData)
    proc.stderr?.on('data', onData)
    proc.once('exit', onExit)
  })
}

/** SIGTERM to the whole group, SIGKILL if it is still there after EXIT_MS. */
async function stopGroup(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || !proc.pid) return
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, sig)
    } catch {
      /* already gone */
    }
  }
  signal('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), EXIT_MS)))
  if ((await Promise.race([exited, late])) === 'late') {
    signal('SIGKILL')
    await exited
  }
  clearTimeout(timer)
}

/**
 * The demo accounts as printed, in the printed order: a line under "演示账号" counts when it
 * names a demo account and its WeCom userid (whatever the columns are).
 */
function printedAccounts(text: string): DemoAccount[] {
  const lines = text.split('\n')
  const from = lines.findIndex((l) => l.trim().startsWith('演示账号'))
  const to = lines.findIndex((l) => l.includes('集成接口令牌'))
  const found: DemoAccount[] = []
  for (const line of lines.slice(from + 1, to)) {
    const words = line.trim().split(/\s+/)
    const account = KNOWN.find((a) => a.wecomUserId && words.includes(a.wecomUserId) && words.includes(a.name))
    if (account) found.push(account)
  }
  return found
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuanwu-demo-start-'))
  const [port, simPort] = [await freePort(), await freePort()]
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SIM_PORT: String(simPort), DATABASE_URL: `sqlite:${join(dir, 'app.db')}`, LOG_LEVEL: 'warn' }
  for (const name of Object.keys(env)) {
    if (name.startsWith('WECOM_') || ['HOST', 'PUBLIC_BASE_URL', 'PC_SITE_URL', 'SESSION_SECRET', 'DATA_KEY', 'INTEGRATION_TOKEN'].includes(name)) delete env[name]
  }
  // What `npm start` runs: the bundled scripts/start.ts (built first when stale, scripts/serve.js).
  child = spawn(process.execPath, [join(ROOT, 'scripts/serve.js')], {
    cwd: dir,
    env,
    detached: true, // its own process group, killed as a whole in afterAll
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await waitForOutput(child, /集成接口令牌/, STARTUP_MS)
  baseUrl = /已启动：(http:\/\/\S+?)\/?\s/.exec(output)?.[1] ?? ''
  accounts = printedAccounts(output)
}, STARTUP_MS + 5_000)

afterEach(async (ctx) => {
  await closeContexts(browser, ctx.task.result?.state === 'fail' ? ctx.task.name : undefined)
})

afterAll(async () => {
  await browser?.close()
  if (child) await stopGroup(child)
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('npm start without WeCom configured runs the demo', () => {
  it('prints the URL to open and every demo account that logs in through WeCom, with its userid', () => {
    expect(baseUrl).toMatch(/^http:\/\/localhost:\d+$/)
    expect(output).toContain('演示模式')
    expect(accounts.map((a) => a.wecomUserId).sort()).toEqual(KNOWN.filter((a) => a.wecomUserId).map((a) => a.wecomUserId).sort())
    expect(output).not.toMatch(/\bat .+\.ts:\d+/) // no stack trace
  })

  it('answers /healthz at the printed URL', async () => {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('lets a desktop browser log in through the printed URL as the first listed 运营者', async () => {
    const operator = accounts.find((a) => a.kind === 'operator')
    expect(operator).toBeDefined()
    browser = await launchBrowser()
    const page = await desktopPage(browser)
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { name: '选择登录身份' }).waitFor()
    await page.getByRole('link', { name: new RegExp(`${operator!.name}.*${operator!.wecomUserId}`) }).click()

    await page.getByRole('heading', { name: operator!.orgName }).waitFor()
    expect(new URL(page.url()).origin).toBe(baseUrl)
    await screenshot(page, 'demo-start-home')
  })
})
