import { describe, expect, it } from 'vitest'
import {
  LOGIN_STATE_TTL_MS,
  buildAuthorizeUrl,
  buildWebLoginUrl,
  isMobileUserAgent,
  isWeComUserAgent,
  loginChannel,
  newLoginState,
  openLoginState,
  safeNextPath,
  sealLoginState,
} from './wecom-login'

// Real user agents from docs/WECOM.md §6.2.
const UA = {
  wecomIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714',
  wecomAndroid:
    'Mozilla/5.0 (Linux; Android 14; V2304A Build/UP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 wxwork/4.1.36 MicroMessenger/7.0.1 NetType/4G Language/zh',
  wecomWindows:
    'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0 Safari/537.36 Language/zh wxwork/4.1.10 (MicroMessenger/6.2) WindowsWechat MailPlugin_Electron WeMail embeddisk',
  wechatPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN',
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
}

describe('safeNextPath', () => {
  it.each([
    ['a protocol-relative URL', '//evil.example/x'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a tab that browsers drop', '/\t/evil.example'],
    ['a newline', '/x\n/y'],
    ['a relative path', 'reviews/1'],
    ['the login itself (a loop)', '/auth/login?next=/'],
    ['nothing', undefined],
    ['an array from a repeated parameter', ['/a', '/b']],
    ['an absurdly long path', `/${'a'.repeat(3000)}`],
  ])('turns %s into /', (_label, next) => {
    expect(safeNextPath(next)).toBe('/')
  })

  it.each(['/', '/reviews/12?tab=changes', '/pc/#/transfers', '/m/%2F%2Fstill-a-path'])('keeps the local path %s', (next) => {
    expect(safeNextPath(next)).toBe(next)
  })
})

describe('the user agent rules', () => {
  it('sends only the WeCom client to in-client OAuth, WeChat included among the others', () => {
    expect([UA.wecomIphone, UA.wecomAndroid, UA.wecomWindows].map(isWeComUserAgent)).toEqual([true, true, true])
    expect([UA.wechatPhone, UA.chrome, undefined].map(isWeComUserAgent)).toEqual([false, false, false])
  })

  it('records mobile only for WeCom on a phone, pc for the desktop client and every browser', () => {
    expect(isMobileUserAgent(UA.wecomWindows)).toBe(false)
    expect(isMobileUserAgent(UA.wechatPhone)).toBe(true)
    expect([UA.wecomIphone, UA.wecomAndroid, UA.wecomWindows, UA.wechatPhone, UA.chrome].map(loginChannel)).toEqual([
      'mobile',
      'mobile',
      'pc',
      'pc',
      'pc',
    ])
  })
})

describe('the login URLs', () => {
  const input = { corpId: 'ww5e3a1c0f2b9d8e77', agentId: '1000002', redirectUri: 'https://tw.example.cn/auth/wecom/callback', state: 'AbC123' }

  it('builds the in-client OAuth URL with the parameters in the documented order and #wechat_redirect', () => {
    expect(buildAuthorizeUrl('https://open.weixin.qq.com/', input)).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww5e3a1c0f2b9d8e77' +
        '&redirect_uri=https%3A%2F%2Ftw.example.cn%2Fauth%2Fwecom%2Fcallback&response_type=code&scope=snsapi_base' +
        '&state=AbC123&agentid=1000002#wechat_redirect',
    )
  })

  it('builds the web login URL for CorpApp', () => {
    expect(buildWebLoginUrl('https://login.work.weixin.qq.com', input)).toBe(
      'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww5e3a1c0f2b9d8e77&agentid=1000002' +
        '&redirect_uri=https%3A%2F%2Ftw.example.cn%2Fauth%2Fwecom%2Fcallback&state=AbC123',
    )
  })

  it('makes states of 32 characters WeCom accepts, never the same twice', () => {
    const states = Array.from({ length: 200 }, () => newLoginState())
    for (const s of states) expect(s).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(new Set(states).size).toBe(200)
  })
})

describe('the state cookie', () => {
  const now = Date.UTC(2026, 10, 20, 2)
  const sealed = sealLoginState({ state: 'A'.repeat(32), next: '/reviews/1' }, 'secret', now)

  it('is refused when tampered with, signed with another key, or older than ten minutes', () => {
    const [payload, mac] = sealed.split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify({ s: 'B'.repeat(32), n: '/', e: now + LOGIN_STATE_TTL_MS })).toString('base64url')
    expect(openLoginState(`${forged}.${mac}`, 'secret', now)).toBeNull()
    expect(openLoginState(`${payload}.${mac.slice(0, -2)}`, 'secret', now)).toBeNull()
    expect(openLoginState(sealed, 'other-secret', now)).toBeNull()
    expect(openLoginState(sealed, 'secret', now + LOGIN_STATE_TTL_MS)).toBeNull()
    expect(openLoginState('garbage', 'secret', now)).toBeNull()
    expect(openLoginState(undefined, 'secret', now)).toBeNull()
  })

  it('gives back the state and next within ten minutes', () => {
    expect(openLoginState(sealed, 'secret', now + LOGIN_STATE_TTL_MS - 1)).toEqual({ state: 'A'.repeat(32), next: '/reviews/1', used: false })
  })
})
