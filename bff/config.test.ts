import { describe, expect, it } from 'vitest'
import { loadConfig, parseDurations, ConfigError } from './config'

const secrets = { SESSION_SECRET: 's', INTEGRATION_TOKEN: 't', DATA_KEY: 'k' }

describe('configuration', () => {
  it('refuses to start with WeCom configured but no SESSION_SECRET or DATA_KEY', () => {
    const wecom = { WECOM_CORP_ID: 'ww1', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'x' }
    expect(() => loadConfig({ ...wecom, INTEGRATION_TOKEN: 't', DATA_KEY: 'k' })).toThrow(/SESSION_SECRET/)
    expect(() => loadConfig({ ...wecom, SESSION_SECRET: 's', INTEGRATION_TOKEN: 't' })).toThrow(/DATA_KEY/)
    expect(() => loadConfig({ WECOM_CORP_ID: 'ww1', ...secrets })).toThrow(ConfigError)
  })

  it('uses WeCom’s real hosts unless told otherwise, and leaves demo mode when WECOM_CORP_ID is set', () => {
    const c = loadConfig({ WECOM_CORP_ID: 'ww1', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'x', ...secrets })
    expect(c.demo).toBe(false)
    expect(c.wecom).toMatchObject({ apiBase: 'https://qyapi.weixin.qq.com', oauthBase: 'https://open.weixin.qq.com', loginBase: 'https://login.work.weixin.qq.com' })
  })

  it('derives the public and PC URLs from the port', () => {
    const c = loadConfig({ PORT: '4000', ...secrets })
    expect(c).toMatchObject({ demo: true, wecom: null, publicBaseUrl: 'http://localhost:4000', pcSiteUrl: 'http://localhost:4000/pc/', databaseUrl: 'sqlite:./data/app.db' })
  })

  it('reads re-check delays and refuses ones it cannot read, in Chinese', () => {
    expect(parseDurations('1h,6h,23h')).toEqual([3_600_000, 21_600_000, 82_800_000])
    expect(parseDurations('2s, 4s ,8s')).toEqual([2000, 4000, 8000])
    expect(() => parseDurations('soon')).toThrow('REALNAME_RECHECK_DELAYS 的值 “soon” 无法识别')
  })

  it('needs REALNAME_HTTP_URL for the http provider', () => {
    expect(() => loadConfig({ ...secrets, REALNAME_PROVIDER: 'http' })).toThrow(/REALNAME_HTTP_URL/)
  })
})
