/**
 * Browser e2e harness: the real server (startServer) on a temp SQLite file loaded with demo
 * data, the WeCom simulator as WeCom (docs/WECOM.md §11), and Debian's Chromium driven by
 * playwright-core (docs/ARCHITECTURE.md "Toolchain notes": no browser downloads).
 *
 *   const e2e = useE2e()                             // top of the file: the shared fixture
 *   it('…', async () => {
 *     const page = await phoneAs(e2e.browser, e2e.stack, 'zhangwei', '/reviews')
 *   })
 *
 * useE2e() is startStack() + launchBrowser() once per file, closeContexts() after each test
 * (screenshots of a failed test's pages first) and both closed at the end. The parts, all
 * re-exported from here: stack.ts (server, simulator, demo data) and pages.ts (Chromium, the
 * phone and desktop pages, screenshots, the JSON API as a page's session).
 *
 * Both hosts are 127.0.0.1 on different ports; cookies ignore ports, so the simulator's
 * `sim_user` cookie set by phonePage also reaches the app, which ignores it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { startStack, type Stack, type StackOptions } from './stack'
import { closeContexts, launchBrowser } from './pages'

export * from './stack'
export * from './pages'

export interface E2e {
  /** The file's stack (server, simulator, demo data); available inside tests and hooks. */
  readonly stack: Stack
  /** The file's Chromium; each test's contexts are closed after it. */
  readonly browser: Browser
}

/**
 * The fixture the browser test files share, so each test shows only what it checks: one stack
 * and one Chromium for the file (beforeAll), each test's pages closed after it, a failed
 * test's pages saved first as `failed-<screenPrefix><test name>-<n>.png` (afterEach), and
 * both closed at the end (afterAll). Call it once at the top of the file.
 */
export function useE2e(opts: StackOptions & { screenPrefix?: string } = {}): E2e {
  const { screenPrefix = '', ...stackOptions } = opts
  let stack: Stack | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    stack = await startStack(stackOptions)
    browser = await launchBrowser()
  })
  afterEach(async (ctx) => {
    await closeContexts(browser, ctx.task.result?.state === 'fail' ? `${screenPrefix}${ctx.task.name.slice(0, 60)}` : undefined)
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`e2e ${what} used outside a test or hook (useE2e starts it in beforeAll)`)
    return value
  }
  return {
    get stack() {
      return started(stack, 'stack')
    },
    get browser() {
      return started(browser, 'browser')
    },
  }
}
