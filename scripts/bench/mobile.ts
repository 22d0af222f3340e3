/**
 * The phone's first list under a slow phone and network (issue #12): headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core) with the CPU slowed 4× and Chrome
 * DevTools' "Slow 4G" profile applied through the DevTools protocol; the time from
 * navigation to the first row of a list on screen, each time with an empty cache. And the
 * gzipped JavaScript the mobile entry (web/index.html) loads before anything runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'

/** Chrome DevTools' "Slow 4G" preset (the values DevTools sends: RTT and throughput already scaled). */
export const SLOW_4G = { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 }
const CPU_SLOWDOWN = 4
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface FirstListResult {
  page: string
  /** ms from navigation to the first row on screen, one per cold load. */
  runs_ms: number[]
  median_ms: number
  /** Compressed bytes of JavaScript the page fetched before its first row showed. */
  js_transferred_kb: number
  /** Loads that did not show a row within a minute. */
  errors: string[]
}

/** Gzipped size of the JavaScript web/index.html loads at once (its module script and preloads). */
export function mobileEntryGzipKb(distDir: string): { files: string[]; gzip_kb: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((m) => m[1])
  const bytes = files.reduce((sum, f) => {
    const gz = join(distDir, `${f}.gz`)
    return sum + (existsSync(gz) ? statSync(gz).size : gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length)
  }, 0)
  return { files, gzip_kb: +(bytes / 1024).toFixed(1) }
}

/**
 * Loads each of `pages` `runs` times in a fresh context (empty cache) signed in with
 * `sessionToken`, and times the first row of `rowSelector`.
 */
export async function firstListTimes(baseUrl: string, sessionToken: string, pages: { path: string; rowSelector: string }[], runs = 3): Promise<FirstListResult[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const out: FirstListResult[] = []
  try {
    for (const p of pages) {
      const times: number[] = []
      const errors: string[] = []
      let jsBytes = 0
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 })
        await context.addCookies([{ name: 'sid', value: sessionToken, url: baseUrl }])
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Network.enable')
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
        await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G })
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
        const scripts = new Set<string>()
        let bytes = 0
        cdp.on('Network.responseReceived', (e) => e.type === 'Script' && scripts.add(e.requestId))
        cdp.on('Network.loadingFinished', (e) => scripts.has(e.requestId) && (bytes += e.encodedDataLength))
        const started = performance.now()
        try {
          await page.goto(baseUrl + p.path, { waitUntil: 'commit' })
          await page.locator(p.rowSelector).first().waitFor({ state: 'visible', timeout: 60_000 })
          times.push(Math.round(performance.now() - started))
          jsBytes = bytes
        } catch (err) {
          // One slow or broken load must not throw away the minutes of measurement before it:
          // the run is reported as failed, with a picture of what the phone showed.
          const shot = join(tmpdir(), `bench-phone-${Date.now()}.png`)
          await page.screenshot({ path: shot }).catch(() => {})
          errors.push(`${p.path}: ${(err as Error).message.split('\n')[0]} (screen: ${shot})`)
        } finally {
          await context.close()
        }
      }
      const sorted = [...times].sort((a, b) => a - b)
      out.push({ page: p.path, runs_ms: times, median_ms: sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN, js_transferred_kb: +(jsBytes / 1024).toFixed(1), errors })
    }
  } finally {
    await browser.close()
  }
  return out
}
