/**
 * `npm start` (docs/CONTRACT.md): builds what is missing, migrates and serves on PORT.
 * Without WECOM_CORP_ID it is the demo: embedded SQLite, demo data loaded when the database
 * is empty, and the local WeCom simulator standing in for WeCom.
 * With WECOM_* set it uses the real WeCom, loads nothing, and needs SESSION_SECRET and DATA_KEY.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'
import { loadConfig, ConfigError, type Config } from '../bff/config'
import { startServer, closeOnSignals } from '../bff/server'
import { openDatabase } from '../bff/db/dialect'
import { migrateToLatest } from '../bff/db/migrations'
import { createDataCrypto, parseDataKey } from '../bff/security/data-crypto'
import { runImport } from '../bff/import/run'
import { startWecomSimulator } from '../bff/simulator'
import { ACCOUNT_KINDS } from '../shared/organizations'
import { generateDemoData } from './demo-data'
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

async function loadDemoDataIfEmpty(config: Config): Promise<void> {
  const handle = await openDatabase(config.databaseUrl)
  try {
    await migrateToLatest(handle.db)
    const any = await handle.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
    if (any) return
    console.log('数据库为空，正在载入演示数据…')
    const outcome = await runImport(handle.db, createDataCrypto(parseDataKey(config.dataKey)), generateDemoData({ now: new Date() }))
    if (!outcome.ok) throw new Error(`演示数据无法载入：${outcome.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('；')}`)
    console.log(`演示数据已载入：${Object.entries(outcome.counts).map(([k, v]) => `${k} ${v}`).join('，')}`)
  } finally {
    await handle.close()
  }
}

async function demoAccounts(config: Config) {
  const handle = await openDatabase(config.databaseUrl)
  try {
    return await handle.db
      .selectFrom('accounts as a')
      .innerJoin('organizations as o', 'o.id', 'a.org_id')
      .select(['a.name', 'a.kind', 'a.wecom_user_id', 'a.mobile', 'o.name as org_name', 'o.code as org_code', 'o.depth'])
      .where('a.active', '=', 1)
      .orderBy('o.depth')
      .orderBy('a.id')
      .execute()
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
  const demo = !process.env.WECOM_CORP_ID
  await buildWebIfStale()
  if (!demo) {
    const server = await startServer(loadConfig(process.env))
    closeOnSignals(server)
    console.log(`团务审核已启动：${server.url}`)
    return
  }
  const secrets = demoSecrets()
  const config = loadConfig({
    SESSION_SECRET: secrets.sessionSecret,
    INTEGRATION_TOKEN: secrets.integrationToken,
    DATA_KEY: secrets.dataKey,
    ...process.env,
  })
  await loadDemoDataIfEmpty(config)
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
    console.error(`配置错误：${err.message}`)
    process.exit(1)
  }
  console.error(err)
  process.exit(1)
})
