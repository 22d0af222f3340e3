/**
 * The e2e stack: the real server (startServer) on a temp SQLite file loaded with demo data, the
 * WeCom simulator as WeCom (docs/WECOM.md §11) and the fake real-name provider, each on a free
 * loopback port, closed together.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { freePort } from '../../scripts/free-port'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
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

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DIST_WEB = join(ROOT, 'dist/web')

/** The corp of the e2e stack (the demo's shape: one self-built app). */
export const E2E_CORP = {
  corpId: 'wwe2e00000000001',
  agentId: '1000002',
  secret: 'e2e-agent-secret-for-the-simulator',
  corpName: '共青团广东省委（测试）',
  nonMemberOpenId: 'oE2eNonMember0001',
} as const

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

export { freePort }

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
