import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { loadConfig, parseDurations, parseTrustProxy, ConfigError } from './config'
import { productionEnv } from './test/production-env'

const secrets = { SESSION_SECRET: 's', INTEGRATION_TOKEN: 't', DATA_KEY: randomBytes(32).toString('base64') }

/** A complete production configuration; each test breaks one thing. */
const production = { ...productionEnv(), DATABASE_URL: 'postgres://app@db.internal/tuanwu' }

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env)
  } catch (e) {
    if (e instanceof ConfigError) return e.problems
    throw e
  }
  return []
}

describe('configuration', () => {
  it('refuses to start with WeCom configured but no SESSION_SECRET or DATA_KEY', () => {
    const wecom = { WECOM_CORP_ID: 'ww1', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'x' }
    expect(() => loadConfig({ ...wecom, INTEGRATION_TOKEN: 't', DATA_KEY: secrets.DATA_KEY })).toThrow(/SESSION_SECRET/)
    expect(() => loadConfig({ ...wecom, SESSION_SECRET: 's', INTEGRATION_TOKEN: 't' })).toThrow(/DATA_KEY/)
    expect(problemsOf({ WECOM_CORP_ID: 'ww1', ...secrets })).toEqual([
      '缺少环境变量 WECOM_AGENT_ID（企业微信自建应用）',
      '缺少环境变量 WECOM_SECRET（企业微信自建应用）',
    ])
  })

  it('uses WeCom’s real hosts unless told otherwise, and leaves demo mode when WECOM_CORP_ID is set', () => {
    const c = loadConfig({ WECOM_CORP_ID: 'ww1', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'x', ...secrets })
    expect(c.demo).toBe(false)
    expect(c.wecom).toMatchObject({ apiBase: 'https://qyapi.weixin.qq.com', oauthBase: 'https://open.weixin.qq.com', loginBase: 'https://login.work.weixin.qq.com' })
  })

  it('sends ID numbers to the real-name service over https outside the demo, unless it runs on this host', () => {
    const wecom = { WECOM_CORP_ID: 'ww1', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'x', ...secrets, REALNAME_PROVIDER: 'http' }
    expect(problemsOf({ ...wecom, REALNAME_HTTP_URL: 'http://realname.example.cn/verify' })).toEqual([
      'REALNAME_HTTP_URL 在演示模式之外必须是 https 网址（现为 http://realname.example.cn/verify）',
    ])
    expect(problemsOf({ ...wecom, REALNAME_HTTP_URL: 'https://realname.example.cn/verify' })).toEqual([])
    expect(problemsOf({ ...wecom, REALNAME_HTTP_URL: 'http://127.0.0.1:8081/verify' })).toEqual([])
    expect(problemsOf({ ...wecom, REALNAME_HTTP_URL: 'http://[::1]:8081/verify' })).toEqual([])
    // The demo may point at any test service.
    expect(problemsOf({ ...secrets, REALNAME_PROVIDER: 'http', REALNAME_HTTP_URL: 'http://realname.example.cn/verify' })).toEqual([])
  })

  it('keeps offline-verification photos a year unless PHOTO_RETENTION_DAYS says otherwise', () => {
    expect(loadConfig(secrets).photos.retentionDays).toBe(365)
    expect(loadConfig({ ...secrets, PHOTO_RETENTION_DAYS: '90' }).photos.retentionDays).toBe(90)
  })

  it('derives the public and PC URLs from the port', () => {
    const c = loadConfig({ PORT: '4000', ...secrets })
    expect(c).toMatchObject({ demo: true, production: false, wecom: null, publicBaseUrl: 'http://localhost:4000', pcSiteUrl: 'http://localhost:4000/pc/', databaseUrl: 'sqlite:./data/app.db', trustProxy: [] })
  })

  it('reads re-check delays and refuses ones it cannot read, in Chinese', () => {
    expect(parseDurations('1h,6h,23h')).toEqual([3_600_000, 21_600_000, 82_800_000])
    expect(parseDurations('2s, 4s ,8s')).toEqual([2000, 4000, 8000])
    expect(() => parseDurations('soon')).toThrow('REALNAME_RECHECK_DELAYS 的值 “soon” 无法识别')
    expect(problemsOf({ ...secrets, REALNAME_RECHECK_DELAYS: '1h,25h' })).toEqual(['REALNAME_RECHECK_DELAYS 的每个间隔必须大于 0 且在 24 小时以内'])
  })

  it('needs REALNAME_HTTP_URL for the http provider and knows only local and http', () => {
    expect(() => loadConfig({ ...secrets, REALNAME_PROVIDER: 'http' })).toThrow(/REALNAME_HTTP_URL/)
    expect(problemsOf({ ...secrets, REALNAME_PROVIDER: 'acme' })).toEqual(['REALNAME_PROVIDER 的值 “acme” 未知：只能是 local 或 http'])
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['SESSION_IDLE_MINUTES', '2h'],
    ['SESSION_ABSOLUTE_HOURS', '-1'],
    ['JOB_MAX_ATTEMPTS', '0'],
    ['JOB_RETENTION_DAYS', 'x'],
    ['PHOTO_RETENTION_DAYS', '0'],
    ['REALNAME_RECHECK_DELAYS', '1 hour'],
    ['TRUST_PROXY', '1'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/40'],
    ['DATA_KEY', 'short'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
  ])('a malformed %s (%s) stops the start with its name, never a NaN or a fallback', (name, value) => {
    const problems = problemsOf({ ...secrets, [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(name)
  })

  it('takes TRUST_PROXY as addresses and CIDR ranges only', () => {
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1,fd00::/8')).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8'])
    expect(loadConfig({ ...secrets, TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1'])
  })
})

describe('NODE_ENV=production', () => {
  it('accepts a complete configuration and is never the demo', () => {
    const c = loadConfig(production)
    expect(c).toMatchObject({ production: true, demo: false, realname: { provider: 'http' } })
  })

  it('with nothing set names every missing variable, one line each', () => {
    const problems = problemsOf({ NODE_ENV: 'production' })
    for (const name of ['PUBLIC_BASE_URL', 'SESSION_SECRET', 'DATA_KEY', 'INTEGRATION_TOKEN', 'WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'REALNAME_PROVIDER']) {
      expect(problems.filter((p) => p.includes(name)), name).toHaveLength(1)
    }
  })

  it.each([
    ['WECOM_CORP_ID', undefined, '缺少环境变量 WECOM_CORP_ID'],
    ['WECOM_AGENT_ID', undefined, '缺少环境变量 WECOM_AGENT_ID'],
    ['WECOM_SECRET', undefined, '缺少环境变量 WECOM_SECRET'],
    ['SESSION_SECRET', undefined, '缺少环境变量 SESSION_SECRET'],
    ['SESSION_SECRET', 'too-short-secret', 'SESSION_SECRET 太短：至少 32 字节'],
    ['DATA_KEY', undefined, '缺少环境变量 DATA_KEY'],
    ['DATA_KEY', randomBytes(16).toString('base64'), 'DATA_KEY 必须是 32 字节密钥的 base64 编码'],
    ['INTEGRATION_TOKEN', undefined, '缺少环境变量 INTEGRATION_TOKEN'],
    ['INTEGRATION_TOKEN', 'short-token', 'INTEGRATION_TOKEN 太短：至少 32 个字符'],
    ['PUBLIC_BASE_URL', undefined, '缺少环境变量 PUBLIC_BASE_URL'],
    ['PUBLIC_BASE_URL', 'http://tuanwu.example.cn', 'PUBLIC_BASE_URL 在生产环境必须是 https 网址'],
    ['REALNAME_PROVIDER', undefined, 'REALNAME_PROVIDER 在生产环境必须是 http'],
    ['REALNAME_PROVIDER', 'local', 'REALNAME_PROVIDER 在生产环境必须是 http'],
    ['REALNAME_HTTP_URL', undefined, '缺少环境变量 REALNAME_HTTP_URL'],
    ['REALNAME_HTTP_URL', 'http://realname.example.cn/verify', 'REALNAME_HTTP_URL 在生产环境必须是 https 网址'],
  ])('refuses when %s is %s', (name, value, line) => {
    const problems = problemsOf({ ...production, [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(line)
  })
})
