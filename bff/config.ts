/**
 * Configuration from the environment (docs/CONTRACT.md "Configuration"). Pure: reads the env
 * object it is given, so tests build configs without touching process.env.
 */
export interface Config {
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
}

export class ConfigError extends Error {}

export function parseDurations(list: string): number[] {
  return list.split(',').map((part) => {
    const m = /^\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part)
    if (!m) throw new ConfigError(`REALNAME_RECHECK_DELAYS 的值 “${part}” 无法识别，应如 1h,6h,23h`)
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
    return Number(m[1]) * unit
  })
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const port = Number(env.PORT ?? 3000)
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, '')
  const demo = !env.WECOM_CORP_ID
  const need = (name: string) => {
    const v = env[name]
    if (!v) throw new ConfigError(`缺少环境变量 ${name}（演示模式由 npm start 自动生成；配置了 WECOM_CORP_ID 时必须提供）`)
    return v
  }
  const wecom = env.WECOM_CORP_ID
    ? {
        corpId: env.WECOM_CORP_ID,
        agentId: need('WECOM_AGENT_ID'),
        secret: need('WECOM_SECRET'),
        apiBase: env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
        oauthBase: env.WECOM_OAUTH_BASE ?? 'https://open.weixin.qq.com',
        loginBase: env.WECOM_LOGIN_BASE ?? 'https://login.work.weixin.qq.com',
      }
    : null
  const provider = env.REALNAME_PROVIDER ?? 'local'
  if (provider !== 'local' && provider !== 'http') throw new ConfigError('REALNAME_PROVIDER 只能是 local 或 http')
  if (provider === 'http' && !env.REALNAME_HTTP_URL) throw new ConfigError('REALNAME_PROVIDER=http 时必须设置 REALNAME_HTTP_URL')
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    publicBaseUrl,
    databaseUrl: env.DATABASE_URL ?? 'sqlite:./data/app.db',
    sessionSecret: need('SESSION_SECRET'),
    pcSiteUrl: env.PC_SITE_URL ?? `${publicBaseUrl}/pc/`,
    integrationToken: need('INTEGRATION_TOKEN'),
    dataKey: need('DATA_KEY'),
    demo,
    wecom,
    realname: {
      provider,
      httpUrl: env.REALNAME_HTTP_URL ?? null,
      recheckDelaysMs: parseDurations(env.REALNAME_RECHECK_DELAYS ?? '1h,6h,23h'),
    },
    session: { idleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 120), absoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 12) },
  }
}
