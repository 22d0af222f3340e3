/**
 * The browser side of the e2e harness: Debian's Chromium through playwright-core, a phone
 * inside WeCom (390×844, WeCom UA, the fake JS bridge, silent OAuth) or a desktop browser,
 * screenshots, and the JSON API as a page's session.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM } from '../../scripts/setup-test-env'
import { ROOT, WAIT_MS, type Stack } from './stack'

const SCREENS_DIR = join(ROOT, 'test-results/screens')

/** docs/WECOM.md §6.2: the real iPhone WeCom UA (contains wxwork/ and MicroMessenger). */
const WECOM_IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ' +
  'wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714'
/** The same client in dark mode: WeCom says so in its UA (docs/WECOM.md §6.2), which the app follows first. */
const WECOM_IPHONE_UA_DARK = WECOM_IPHONE_UA.replace('ColorScheme/Light', 'ColorScheme/Dark')

export type ColorScheme = 'light' | 'dark'
const DESKTOP_CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

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
  /** The client's colour scheme (default light): WeCom's UA and the media query both say it. */
  colorScheme?: ColorScheme
  /** The window (default the phone's 390×844; wider: the app as the desktop WeCom client shows it). */
  size?: { width: number; height: number }
}

/** A phone inside the WeCom client: 390×844, WeCom iPhone UA, the fake JS bridge, and silent OAuth as `userid`. */
export async function phonePage(browser: Browser, opts: PhonePageOptions = {}): Promise<Page> {
  const phone = !opts.size || opts.size.width < 600
  const context = await browser.newContext({
    viewport: opts.size ?? { width: 390, height: 844 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    userAgent: opts.colorScheme === 'dark' ? WECOM_IPHONE_UA_DARK : WECOM_IPHONE_UA,
    colorScheme: opts.colorScheme ?? 'light',
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

/** A desktop browser outside WeCom: 1366×900, a normal Chrome UA, the system in light (default) or dark mode. */
export async function desktopPage(browser: Browser, opts: { colorScheme?: ColorScheme } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    userAgent: DESKTOP_CHROME_UA,
    colorScheme: opts.colorScheme ?? 'light',
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
export async function phoneAs(browser: Browser, stack: Pick<Stack, 'baseUrl'>, userid: string, hash = '/', opts: Pick<PhonePageOptions, 'colorScheme' | 'size'> = {}): Promise<Page> {
  const page = await phonePage(browser, { userid, ...opts })
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
