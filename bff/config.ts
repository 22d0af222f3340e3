/**
 * Configuration from the environment (docs/CONTRACT.md "Configuration" and "Modes"), parsed
 * once and strictly: every problem is collected and reported together, one Chinese line per
 * variable, so a start never runs on a silent NaN or a fallback. Pure: reads the env object it
 * is given, so tests build configs without touching process.env.
 */
import { isIP } from 'node:net'

export interface Config {
  /** NODE_ENV=production: never the demo, every secret and https URL required. */
  production: boolean
  port: number
  host: string
  publicBaseUrl: string
  databaseUrl: string
  sessionSecret: string
  pcSiteUrl: string
  integrationToken: string
  dataKey: string
  demo: boolean
  wecom: {
    corpId: string
    agentId: string
    secret: string
    apiBase: string
    oauthBase: string
    loginBase: string
  } | null
  realname: { provider: 'local' | 'http'; httpUrl: string | null; recheckDelaysMs: number[] }
  session: { idleMinutes: number; absoluteHours: number }
  /** The proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); empty = none. */
  trustProxy: string[]
  jobs: { maxAttempts: number; retentionDays: number }
  /** PHOTO_RETENTION_DAYS: offline-verification photos are deleted this long after the decision (bff/jobs/prune.ts). */
  photos: { retentionDays: number }
  /** Per-account (integration: per token) limits of one process (bff/plugins/rate-limits.ts). */
  rateLimits: { changesPerMinute: number; uploadsPerHour: number; integrationPerMinute: number }
  /** LOG_LEVEL; null = the default (warn in the demo, info otherwise). */
  logLevel: string | null
}

/** All the problems of one configuration, one line each (the message joins them). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
  }
}

/** docs/CONTRACT.md REALNAME_RECHECK_DELAYS' default: all inside the 24 hours of docs/DOMAIN.md §4. */
export const DEFAULT_RECHECK_DELAYS = '1h,6h,23h'

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export function parseDurations(list: string, name = 'REALNAME_RECHECK_DELAYS'): number[] {
  return list.split(',').map((part) => {
    const m = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/.exec(part)
    if (!m) throw new ConfigError([`${name} 的值 “${part}” 无法识别，应如 1h,6h,23h`])
    return Number(m[1]) * UNITS[m[2] as keyof typeof UNITS]
  })
}

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8` — a proxy list, never "trust everyone". */
export function parseTrustProxy(value: string): string[] {
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean)
  for (const e of entries) {
    const [addr, bits, extra] = e.split('/')
    const family = isIP(addr)
    const maxBits = family === 6 ? 128 : 32
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits)
    if (!family || !bitsOk || extra !== undefined) {
      throw new ConfigError([`TRUST_PROXY 的 “${e}” 不是 IP 地址或 CIDR 网段；应列出反向代理的地址，如 10.0.0.5,10.1.0.0/16`])
    }
  }
  return entries
}

function isLoopbackUrl(raw: string | undefined): boolean {
  if (!raw) return false
  try {
    const host = new URL(raw).hostname.replace(/^\[|\]$/g, '')
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
  } catch {
    return false
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = []
  const production = env.NODE_ENV === 'production'
  const get = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name])
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn()
    } catch (e) {
      if (e instanceof ConfigError) problems.push(...e.problems)
      else throw e
      return fallback
    }
  }
  const integer = (name: string, dflt: number, min: number, max: number): number => {
    const raw = get(name)
    if (raw === undefined) return dflt
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} 的值 “${raw}” 不是 ${min}–${max} 之间的整数`)
      return dflt
    }
    return Number(raw)
  }
  const url = (name: string, raw: string | undefined, httpsOnly: boolean): string | null => {
    if (raw === undefined) return null
    let u: URL
    try {
      u = new URL(raw)
    } catch {
      problems.push(`${name} 的值 “${raw}” 不是网址`)
      return null
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push(`${name} 必须是 http(s) 网址`)
    else if (httpsOnly && u.protocol !== 'https:') problems.push(`${name} ${production ? '在生产环境' : '在演示模式之外'}必须是 https 网址（现为 ${raw}）`)
    return raw.replace(/\/$/, '')
  }

  const port = integer('PORT', 3000, 1, 65535)
  const publicBaseUrl = url('PUBLIC_BASE_URL', get('PUBLIC_BASE_URL'), production) ?? `http://localhost:${port}`
  if (production && !get('PUBLIC_BASE_URL')) problems.push('缺少环境变量 PUBLIC_BASE_URL（生产环境的 https 访问地址，企业微信可信域名）')

  const corpId = get('WECOM_CORP_ID')
  const demo = !corpId && !production
  // Without WeCom (the demo) npm start generates the secrets; with WeCom or in production they are set by the operator.
  const needSecrets = !!corpId || production
  const secret = (name: string, why: string, check: (v: string) => string | null): string => {
    const v = get(name)
    if (!v) {
      if (needSecrets) problems.push(`缺少环境变量 ${name}（${why}）`)
      return ''
    }
    const bad = check(v)
    if (bad) problems.push(`${name} ${bad}`)
    return v
  }
  const sessionSecret = secret('SESSION_SECRET', '签名登录 Cookie，至少 32 字节', (v) =>
    production && Buffer.byteLength(v) < 32 ? `太短：至少 32 字节（现为 ${Buffer.byteLength(v)}）` : null,
  )
  const dataKey = secret('DATA_KEY', '32 字节密钥的 base64 编码，加密保存身份证号码', (v) =>
    Buffer.from(v, 'base64').length === 32 ? null : '必须是 32 字节密钥的 base64 编码（如 openssl rand -base64 32）',
  )
  const integrationToken = secret('INTEGRATION_TOKEN', '团员端系统调用 /integration/v1 的令牌，至少 32 个字符', (v) =>
    production && v.length < 32 ? `太短：至少 32 个字符（现为 ${v.length}）` : null,
  )

  let wecom: Config['wecom'] = null
  if (corpId || production) {
    const need = (name: string) => {
      const v = get(name)
      if (!v) problems.push(`缺少环境变量 ${name}（企业微信自建应用${production ? '，生产环境必须配置' : ''}）`)
      return v ?? ''
    }
    wecom = {
      corpId: need('WECOM_CORP_ID'),
      agentId: need('WECOM_AGENT_ID'),
      secret: need('WECOM_SECRET'),
      apiBase: url('WECOM_API_BASE', get('WECOM_API_BASE'), false) ?? 'https://qyapi.weixin.qq.com',
      oauthBase: url('WECOM_OAUTH_BASE', get('WECOM_OAUTH_BASE'), false) ?? 'https://open.weixin.qq.com',
      loginBase: url('WECOM_LOGIN_BASE', get('WECOM_LOGIN_BASE'), false) ?? 'https://login.work.weixin.qq.com',
    }
  }

  const provider = get('REALNAME_PROVIDER') ?? 'local'
  if (provider !== 'local' && provider !== 'http') problems.push(`REALNAME_PROVIDER 的值 “${provider}” 未知：只能是 local 或 http`)
  else if (production && provider !== 'http') problems.push('REALNAME_PROVIDER 在生产环境必须是 http（local 只检查格式，不是实名认证）')
  // ID numbers travel to this service: outside the demo only over https, unless it runs on this
  // very host (loopback), where no network is crossed.
  const realnameRaw = get('REALNAME_HTTP_URL')
  const httpUrl = url('REALNAME_HTTP_URL', realnameRaw, production || (!demo && !isLoopbackUrl(realnameRaw)))
  if (provider === 'http' && !get('REALNAME_HTTP_URL')) problems.push('缺少环境变量 REALNAME_HTTP_URL（REALNAME_PROVIDER=http 时的实名认证服务地址）')

  const recheckDelaysMs = attempt(() => parseDurations(get('REALNAME_RECHECK_DELAYS') ?? DEFAULT_RECHECK_DELAYS), [])
  if (recheckDelaysMs.some((d) => d <= 0 || d >= 86_400_000)) problems.push('REALNAME_RECHECK_DELAYS 的每个间隔必须大于 0 且在 24 小时以内')
  const trustProxy = attempt(() => parseTrustProxy(get('TRUST_PROXY') ?? ''), [])
  const databaseUrl = get('DATABASE_URL') ?? 'sqlite:./data/app.db'
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) problems.push(`DATABASE_URL 的值无法识别：应为 sqlite:路径 或 postgres://…`)
  const logLevel = get('LOG_LEVEL') ?? null
  if (logLevel && !['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL 的值 “${logLevel}” 未知：可用 error、warn、info、debug`)
  const pcSiteUrl = url('PC_SITE_URL', get('PC_SITE_URL'), production)

  const config: Config = {
    production,
    port,
    host: get('HOST') ?? '127.0.0.1',
    publicBaseUrl,
    databaseUrl,
    sessionSecret,
    pcSiteUrl: pcSiteUrl ? get('PC_SITE_URL')! : `${publicBaseUrl}/pc/`,
    integrationToken,
    dataKey,
    demo,
    wecom,
    realname: { provider: provider === 'http' ? 'http' : 'local', httpUrl, recheckDelaysMs },
    session: { idleMinutes: integer('SESSION_IDLE_MINUTES', 120, 1, 100_000), absoluteHours: integer('SESSION_ABSOLUTE_HOURS', 12, 1, 10_000) },
    trustProxy,
    jobs: { maxAttempts: integer('JOB_MAX_ATTEMPTS', 10, 1, 1000), retentionDays: integer('JOB_RETENTION_DAYS', 30, 1, 3650) },
    photos: { retentionDays: integer('PHOTO_RETENTION_DAYS', 365, 1, 3650) },
    rateLimits: {
      changesPerMinute: integer('RATE_LIMIT_CHANGES_PER_MINUTE', 120, 1, 1_000_000),
      uploadsPerHour: integer('RATE_LIMIT_UPLOADS_PER_HOUR', 30, 1, 1_000_000),
      integrationPerMinute: integer('RATE_LIMIT_INTEGRATION_PER_MINUTE', 6000, 1, 10_000_000),
    },
    logLevel,
  }
  if (problems.length) throw new ConfigError(problems)
  return config
}
