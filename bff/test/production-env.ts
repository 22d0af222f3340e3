import { randomBytes } from 'node:crypto'

/**
 * The variables of a complete production start (docs/CONTRACT.md): WeCom configured, an https
 * public address, the real-name service over https and fresh secrets; the caller adds the
 * database. A test breaks one thing in it.
 */
export function productionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    WECOM_CORP_ID: 'ww1234567890',
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'agent-secret',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    DATA_KEY: randomBytes(32).toString('base64'),
    INTEGRATION_TOKEN: randomBytes(24).toString('base64url'),
    PUBLIC_BASE_URL: 'https://tuanwu.example.cn',
    REALNAME_PROVIDER: 'http',
    REALNAME_HTTP_URL: 'https://realname.example.cn/verify',
  }
}
