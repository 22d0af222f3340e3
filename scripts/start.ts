/**
 * `npm start` (docs/CONTRACT.md "Modes"): builds what is missing, migrates and serves on PORT.
 * - NODE_ENV=production or WECOM_* set: the real WeCom, nothing loaded, every secret required;
 *   production refuses a demo database (bff/modes/decide.ts).
 * - Nothing configured: the demo (embedded SQLite, the local WeCom simulator) — only on a
 *   database created as a demo or a new empty one, which then gets the demo data and the mark.
 * A refused start prints one line per problem, naming the variable, and exits 1.
 */
import '../bff/heap'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'
import { loadConfig, ConfigError, type Config } from '../bff/config'
import { startServer, closeOnSignals } from '../bff/server'
import { openDatabase, type DbHandle } from '../bff/db/dialect'
import { migrateToLatest } from '../bff/db/migrations'
import { databaseState, markDemo } from '../bff/modes/repository'
import { accountMobile, listActiveAccountsWithOrg } from '../bff/accounts/repository'
import { decideMode } from '../bff/modes/decide'
import { assertDatabaseFits } from '../bff/modes/check'
import { createDataCrypto, parseDataKey } from '../bff/security/data-crypto'
import { runImport } from '../bff/import/run'
import { startWecomSimulator } from '../bff/simulator'
import { ACCOUNT_KINDS } from '../shared/organizations'
import { generateDemoData } from '../bff/import/demo/generate'
import { buildWebIfStale } from './build-web'

const SECRETS_FILE = 'data/demo-secrets.json'
const DEMO_CORP = { corpId: 'wwdemo0000000001', agentId: '1000002', secret: 'demo-agent-secret-for-the-simulator' }

/** Demo secrets are generated once and kept, so encrypted data stays readable across restarts. */
function demoSecrets(): { sessionSecret: string; integrationToken: string; dataKey: string } {
  if (existsSync(SECRETS_FILE)) return JSON.parse(readFileSync(SECRETS_FILE, 'utf8'))
  const secrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    integrationToken: randomBytes(24).toString('base64url'),
    dataKey: randomBytes(32).toString('base64'),
  }
  mkdirSync(dirname(SECRETS_FILE), { recursive: true })
  writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

/**
 * Refuses a database that is not a demo one (before any secret is generated or anything
 * built); loads the demo data, with the mark, into a new one.
 */
async function prepareDemoDatabase(databaseUrl: string, secrets: () => { dataKey: string }): Promise<void> {
  const handle = await openDatabase(databaseUrl)
  try {
    await migrateToLatest(handle.db)
    const decision = decideMode({ production: false, wecomConfigured: false, databaseUrl, ...(await databaseState(handle.db)) })
    if ('refuse' in decision) throw new ConfigError(decision.refuse)
    if (!decision.loadDemoData) return
    const crypto = createDataCrypto(parseDataKey(secrets().dataKey))
    await markDemo(handle.db)
    console.log('数据库为空，正在载入演示数据…')
    const outcome = await runImport(handle.db, crypto, generateDemoData({ now: new Date() }))
    if (!outcome.ok) throw new Error(`演示数据无法载入：${outcome.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('；')}`)
    console.log(`演示数据已载入：${Object.entries(outcome.counts).map(([k, v]) => `${k} ${v}`).join('，')}`)
  } finally {
    await handle.close()
  }
}

async function withDatabase(url: string, work: (db: DbHandle['db']) => Promise<void>): Promise<void> {
  const handle = await openDatabase(url)
  try {
    await migrateToLatest(handle.db)
    await work(handle.db)
  } finally {
    await handle.close()
  }
}

/** Who can log in, with the phone numbers decrypted: the simulator's users and the printed list show them. */
async function demoAccounts(config: Config) {
  const handle = await openDatabase(config.databaseUrl)
  const crypto = createDataCrypto(parseDataKey(config.dataKey))
  try {
    return (await listActiveAccountsWithOrg(handle.db)).map((a) => ({ ...a, mobile: accountMobile(crypto, a) }))
  } finally {
    await handle.close()
  }
}

/** Pads to a display width, counting CJK characters as two columns. */
function pad(text: string, width: number): string {
  const w = [...text].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)
  return text + ' '.repeat(Math.max(1, width - w))
}

async function main() {
  const demo = !process.env.WECOM_CORP_ID && process.env.NODE_ENV !== 'production'
  if (!demo) {
    const config = loadConfig(process.env)
    await withDatabase(config.databaseUrl, (db) => assertDatabaseFits(db, config))
    await buildWebIfStale()
    const server = await startServer(config)
    closeOnSignals(server)
    console.log(`团务审核已启动：${server.url}`)
    return
  }
  const checked = loadConfig(process.env)
  await prepareDemoDatabase(checked.databaseUrl, () => ({ ...demoSecrets(), ...(process.env.DATA_KEY ? { dataKey: process.env.DATA_KEY } : {}) }))
  const secrets = demoSecrets()
  const config = loadConfig({
    SESSION_SECRET: secrets.sessionSecret,
    INTEGRATION_TOKEN: secrets.integrationToken,
    DATA_KEY: secrets.dataKey,
    ...process.env,
  })
  await buildWebIfStale()
  const accounts = await demoAccounts(config)
  const publicUrl = new URL(config.publicBaseUrl)
  const simulator = await startWecomSimulator({
    port: Number(process.env.SIM_PORT ?? config.port + 1),
    corpId: DEMO_CORP.corpId,
    corpName: '共青团广东省委（演示）',
    agents: [{ agentId: DEMO_CORP.agentId, secret: DEMO_CORP.secret, trustedDomains: [publicUrl.host], name: '智慧团建' }],
    users: accounts
      .filter((a) => a.wecom_user_id)
      .map((a) => ({ userid: a.wecom_user_id!, name: a.name, org: `${a.org_name} · ${ACCOUNT_KINDS[a.kind]}`, mobile: a.mobile ?? undefined })),
    nonMemberOpenIds: ['oDemoNonMember0001'],
  })
  config.wecom = {
    corpId: DEMO_CORP.corpId,
    agentId: DEMO_CORP.agentId,
    secret: DEMO_CORP.secret,
    apiBase: simulator.url,
    oauthBase: simulator.url,
    loginBase: simulator.url,
  }
  config.demo = true
  const server = await startServer(config)
  closeOnSignals(server, () => simulator.close())
  console.log('')
  console.log(`团务审核（演示模式）已启动：${config.publicBaseUrl}/`)
  console.log(`  PC工作台：${config.pcSiteUrl}`)
  console.log(`  模拟企业微信：${simulator.url}（登录页列出以下演示账号）`)
  console.log('  演示账号（PC登录密码均为 demo1234）：')
  console.log(`    ${pad('姓名', 8)}${pad('角色', 10)}${pad('企业微信', 12)}${pad('PC登录账号', 14)}团组织`)
  for (const a of accounts) {
    const pcLogin = a.kind === 'admin' ? a.org_code : (a.mobile ?? '—')
    console.log(`    ${pad(a.name, 8)}${pad(ACCOUNT_KINDS[a.kind], 10)}${pad(a.wecom_user_id ?? '—', 12)}${pad(pcLogin, 14)}${a.org_name}`)
  }
  console.log(`  集成接口令牌（团员端）：${config.integrationToken}`)
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error('团务审核未启动，配置有问题：')
    for (const line of err.problems) console.error(`  ${line}`)
    process.exit(1)
  }
  console.error(err)
  process.exit(1)
})
