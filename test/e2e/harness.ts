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
 * (screenshots of a failed test's pages first) and both closed at the end.
 *
 * Both hosts are 127.0.0.1 on different ports; cookies ignore ports, so the simulator's
 * `sim_user` cookie set by phonePage also reaches the app, which ignores it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { loadConfig, type Config } from '../../bff/config'
import { startServer, type RunningServer } from '../../bff/server'
import type { AppContext } from '../../bff/context'
import type { Clock } from '../../bff/clock'
import { openDatabase } from '../../bff/db/dialect'
import { createDataCrypto, parseDataKey } from '../../bff/security/data-crypto'
import { runImport } from '../../bff/import/run'
import type { ImportFile } from '../../bff/import/format'
import { startWecomSimulator, type WecomSimulator } from '../../bff/simulator'
import { startFakeRealname } from '../../bff/test/fake-realname-server'
import { ACCOUNT_KINDS } from '../../shared/organizations'
import { generateDemoData, demoAccounts, type DemoAccount } from '../../scripts/demo-data'
import { CHROMIUM } from '../../scripts/setup-test-env'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DIST_WEB = join(ROOT, 'dist/web')
const SCREENS_DIR = join(ROOT, 'test-results/screens')

/** The corp of the e2e stack (the demo's shape: one self-built app). */
export const E2E_CORP = {
  corpId: 'wwe2e00000000001',
  agentId: '1000002',
  secret: 'e2e-agent-secret-for-the-simulator',
  corpName: '共青团广东省委（测试）',
  nonMemberOpenId: 'oE2eNonMember0001',
} as const

/** docs/WECOM.md §6.2: the real iPhone WeCom UA (contains wxwork/ and MicroMessenger). */
const WECOM_IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ' +
  'wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714'
const DESKTOP_CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

/** Bounded waits used by the tests (never sleeps). */
export const WAIT_MS = 15_000

export interface StackOptions {
  /**
   * `now` of the generated data and of the import. Defaults to the start of the current
   * minute, not a constant date: the session cookie's Expires comes from the server clock,
   * and Chromium drops a cookie whose Expires lies in the (real) past.
   */
  now?: Date
  /** An import file to load instead of the demo data. */
  data?: ImportFile
  /** Size of the generated demo data (default 120 members: quick to load, same accounts). */
  members?: number
  /** The server's clock (default: the system clock). */
  clock?: Clock
  /** Server log lines (default off). */
  logger?: boolean
  /** Extra configuration (e.g. REALNAME_PROVIDER, REALNAME_RECHECK_DELAYS). */
  env?: Record<string, string>
}

export interface Stack {
  /** `http://127.0.0.1:<port>` — PUBLIC_BASE_URL, no trailing slash. */
  baseUrl: string
  simulator: WecomSimulator
  server: RunningServer
  ctx: AppContext
  config: Config
  now: Date
  data: ImportFile
  /** Who can log in (name, org, kind, WeCom userid, mobile, PC password). */
  accounts: DemoAccount[]
  /** The account with this WeCom userid (throws when there is none). */
  account(userid: string): DemoAccount
  dir: string
  close(): Promise<void>
}

/** A free loopback port (tiny race until the caller binds it; acceptable for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

let building: Promise<void> | null = null
/**
 * dist/web is built by the test runner (`vite build` before `vitest run`). When it is missing
 * (vitest started by hand), build it once per worker; e2e files run one after another.
 */
function ensureWebBuilt(): Promise<void> {
  if (existsSync(join(DIST_WEB, 'index.html'))) return Promise.resolve()
  return (building ??= (async () => {
    const { build } = await import('vite')
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' })
  })())
}

/** Runs `steps` last-in first-out, all of them even when some fail; rethrows the first failure. */
async function runCleanups(steps: (() => Promise<void> | void)[]): Promise<void> {
  let first: unknown = null
  for (const step of steps.reverse()) {
    try {
      await step()
    } catch (err) {
      first ??= err
    }
  }
  if (first) throw first
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const cleanups: (() => Promise<void> | void)[] = []
  try {
    await ensureWebBuilt()
    const dir = mkdtempSync(join(tmpdir(), 'tuanwu-e2e-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))

    const now = opts.now ?? new Date(Math.floor(Date.now() / 60_000) * 60_000)
    const data = opts.data ?? generateDemoData({ now, members: opts.members ?? 120 })
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    // Imported 校验中 members are checked as soon as the server starts (issue #10). Unless a
    // test brings its own provider, the provider is busy (HTTP 500): they stay 校验中, as
    // they would while a real provider takes its time, and the screens for them can be shown.
    let providerEnv: Record<string, string> = {}
    if (!opts.env?.REALNAME_PROVIDER) {
      const busy = await startFakeRealname(['http500'])
      cleanups.push(() => busy.close())
      providerEnv = { REALNAME_PROVIDER: 'http', REALNAME_HTTP_URL: busy.url }
    }
    const config = loadConfig({
      ...providerEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: baseUrl,
      DATABASE_URL: `sqlite:${join(dir, 'app.db')}`,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      INTEGRATION_TOKEN: randomBytes(24).toString('base64url'),
      DATA_KEY: randomBytes(32).toString('base64'),
      ...opts.env,
    })

    const handle = await openDatabase(config.databaseUrl)
    try {
      const outcome = await runImport(handle.db, createDataCrypto(parseDataKey(config.dataKey)), data, { now })
      if (!outcome.ok) {
        throw new Error(`e2e data refused: ${outcome.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`)
      }
    } finally {
      await handle.close()
    }

    const accounts = demoAccounts(data)
    const simulator = await startWecomSimulator({
      corpId: E2E_CORP.corpId,
      corpName: E2E_CORP.corpName,
      agents: [{ agentId: E2E_CORP.agentId, secret: E2E_CORP.secret, trustedDomains: [`127.0.0.1:${port}`], name: '智慧团建' }],
      users: accounts
        .filter((a) => a.wecomUserId)
        .map((a) => ({ userid: a.wecomUserId!, name: a.name, org: `${a.orgName} · ${ACCOUNT_KINDS[a.kind]}`, mobile: a.mobile ?? undefined })),
      nonMemberOpenIds: [E2E_CORP.nonMemberOpenId],
    })
    cleanups.push(() => simulator.close())
    config.wecom = {
      corpId: E2E_CORP.corpId,
      agentId: E2E_CORP.agentId,
      secret: E2E_CORP.secret,
      apiBase: simulator.url,
      oauthBase: simulator.url,
      loginBase: simulator.url,
    }

    const server = await startServer(config, { clock: opts.clock, logger: opts.logger ?? false, distDir: DIST_WEB, workerPollMs: 200 })
    cleanups.push(() => server.close())

    let closing: Promise<void> | null = null
    return {
      baseUrl,
      simulator,
      server,
      ctx: server.ctx,
      config,
      now,
      data,
      accounts,
      account(userid) {
        const found = accounts.find((a) => a.wecomUserId === userid)
        if (!found) throw new Error(`no demo account with WeCom userid ${userid}`)
        return found
      },
      dir,
      close: () => (closing ??= runCleanups(cleanups)),
    }
  } catch (err) {
    await runCleanups(cleanups).catch(() => {})
    throw err
  }
}

/** docs/ARCHITECTURE.md "Toolchain notes": Debian's Chromium with these flags. Playwright gives every launch a fresh temporary profile (--user-data-dir). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Chromium is installed by `npm test`'s setup (scripts/setup-test-env.ts), never from here. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium missing at ${CHROMIUM}: run npm run test:setup`)
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 })
}

export interface WwCall {
  name: string
  params: unknown
}

/**
 * docs/WECOM.md §11 "Front-end test double": the bridge @wecom/jssdk talks to inside WeCom. Every
 * invoke answers `<name>:ok` (asynchronously, as the client does) and is recorded.
 */
function installFakeBridge() {
  // Runs in the page (serialised by Playwright): globalThis is its window. No imports, no closures.
  const page = globalThis as unknown as { __wwCalls: { name: string; params: unknown }[]; WeixinJSBridge: unknown }
  const calls: { name: string; params: unknown }[] = []
  page.__wwCalls = calls
  page.WeixinJSBridge = {
    invoke(name: string, params: unknown, cb?: (res: { err_msg: string }) => void) {
      calls.push({ name, params })
      setTimeout(() => cb?.({ err_msg: `${name}:ok` }), 0)
    },
    call(name: string, cb?: (res: { err_msg: string }) => void) {
      calls.push({ name, params: null })
      setTimeout(() => cb?.({ err_msg: `${name}:ok` }), 0)
    },
    on() {},
  }
}

async function newPage(context: BrowserContext): Promise<Page> {
  context.setDefaultTimeout(WAIT_MS)
  context.setDefaultNavigationTimeout(WAIT_MS)
  return context.newPage()
}

export interface PhonePageOptions {
  /** Who WeCom says is logged in (member userid, or a non-member openid): the simulator's `sim_user` cookie. */
  userid?: string
  /** Origin of the simulator (the cookie's host); default 127.0.0.1. */
  simulatorUrl?: string
}

/** A phone inside the WeCom client: 390×844, WeCom iPhone UA, the fake JS bridge, and silent OAuth as `userid`. */
export async function phonePage(browser: Browser, opts: PhonePageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: WECOM_IPHONE_UA,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  await context.addInitScript(installFakeBridge)
  if (opts.userid) {
    const simHost = new URL(opts.simulatorUrl ?? 'http://127.0.0.1').hostname
    await context.addCookies([{ name: 'sim_user', value: opts.userid, domain: simHost, path: '/' }])
  }
  return newPage(context)
}

/** A desktop browser outside WeCom: 1366×900, a normal Chrome UA. */
export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    userAgent: DESKTOP_CHROME_UA,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  return newPage(context)
}

/** The bridge calls the page made so far (phonePage only). */
export function wwCalls(page: Page): Promise<WwCall[]> {
  return page.evaluate(() => (globalThis as unknown as { __wwCalls?: WwCall[] }).__wwCalls ?? [])
}

/**
 * Saves `test-results/screens/<name>.png` (gitignored) and answers its path: the whole page,
 * or with `{ fullPage: false }` only the viewport (what the phone shows, e.g. a scroll position).
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  const path = join(SCREENS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ path, fullPage: opts.fullPage ?? true, animations: 'disabled' })
  return path
}

/**
 * Closes every context of `browser` (afterEach). When `failedTest` names a failed test, each
 * open page is first saved as `failed-<test>-<n>.png`.
 */
export async function closeContexts(browser: Browser | undefined, failedTest?: string): Promise<void> {
  if (!browser) return
  let n = 0 // numbered across contexts, so a second user's page does not overwrite the first's
  for (const context of browser.contexts()) {
    if (failedTest) {
      for (const page of context.pages()) {
        await screenshot(page, `failed-${failedTest}-${n++}`).catch(() => {})
      }
    }
    await context.close().catch(() => {})
  }
}

/** Where the page is now, as a path with query and hash (for readable assertions). */
export function pathOf(page: Page): string {
  const url = new URL(page.url())
  return url.pathname + url.search + url.hash
}

/**
 * A phone inside WeCom logged in as `userid` (silent OAuth through the simulator), showing
 * `hash` (e.g. '/reviews'): answers once the app has loaded the session (/api/me).
 */
export async function phoneAs(browser: Browser, stack: Pick<Stack, 'baseUrl'>, userid: string, hash = '/'): Promise<Page> {
  const page = await phonePage(browser, { userid })
  const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me' && r.status() === 200)
  await page.goto(`${stack.baseUrl}/#${hash}`)
  await me
  return page
}

/** The JSON API as the session of `page`'s browser context (its cookies, the CSRF token of /api/me). */
export interface ApiClient {
  get<T = unknown>(path: string): Promise<T>
  /** Any status: the caller asserts it. */
  post<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }>
}

export async function apiClient(page: Page, baseUrl: string): Promise<ApiClient> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(baseUrl + path)
    if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}: ${await res.text()}`)
    return (await res.json()) as T
  }
  const { csrfToken } = await get<{ csrfToken: string }>('/api/me')
  return {
    get,
    async post<T>(path: string, body: unknown) {
      const res = await page.request.post(baseUrl + path, { data: body, headers: { 'X-CSRF-Token': csrfToken } })
      return { status: res.status(), body: (await res.json().catch(() => null)) as T }
    },
  }
}

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
