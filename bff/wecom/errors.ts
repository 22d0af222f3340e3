/**
 * How a WeCom call can fail, as the rest of the BFF sees it (docs/WECOM.md §8, §10):
 * - WecomUnavailableError: WeCom could not be reached or kept failing (HTTP 5xx, network,
 *   time-out, a non-JSON answer, -1 系统繁忙 after the retries). The login shows a 502 page.
 * - WecomApiError: WeCom answered and refused, with an errcode to decide on (never errmsg).
 */
export type UnavailableReason = 'http' | 'network' | 'timeout' | 'bad-response' | 'busy'

export class WecomUnavailableError extends Error {
  override readonly name = 'WecomUnavailableError'
  constructor(
    readonly api: string,
    readonly reason: UnavailableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`企业微信接口 ${api} 暂时无法访问（${reason}）：${detail}`, options)
  }
}

export class WecomApiError extends Error {
  override readonly name = 'WecomApiError'
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`企业微信接口 ${api} 返回错误 ${errcode}：${errmsg}`)
  }
}

/** The token is gone or stale: drop it, fetch once, retry once (docs/WECOM.md §0.3, §10). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 42001])

/** 系统繁忙: retry with backoff, "建议重试次数不超过3次" (docs/WECOM.md §4.0). */
export const BUSY_ERRCODE = -1

/**
 * Configuration mistakes: retrying cannot help and a wrong secret retried in a loop gets the
 * server's IP banned for an hour (45009 note, docs/WECOM.md §4.1). Each gets a log line saying what
 * to fix.
 */
export function misconfigurationHint(errcode: number, agentId: string, errmsg: string): string | null {
  switch (errcode) {
    case 40001:
      return `企业微信拒绝了应用 ${agentId} 的 Secret（40001）：请核对 WECOM_SECRET 与管理后台「应用管理 → 应用 ${agentId}」的 Secret 是否一致（重置 Secret 后需要更新配置）。为免本机 IP 被封禁，不会重试。`
    case 40013:
      return `企业微信不认识这个企业ID（40013）：请核对 WECOM_CORP_ID 与管理后台「我的企业 → 企业信息 → 企业ID」。`
    case 41002:
    case 41004:
      return `调用 gettoken 时缺少企业ID或 Secret（${errcode}）：请设置 WECOM_CORP_ID 和 WECOM_SECRET。`
    case 40056:
      return `企业微信不认识应用ID ${agentId}（40056）：请核对 WECOM_AGENT_ID。`
    case 48002:
      return `应用 ${agentId} 没有调用该接口的权限（48002）：请在管理后台为应用开通相应的接口或通讯录权限。`
    case 50001:
      return `授权回调域名与应用 ${agentId} 的可信域名不一致，或登录码来自另一个应用（50001）：请把 PUBLIC_BASE_URL 的域名（含端口）登记为应用的「网页授权及JS-SDK」可信域名，并确认 WECOM_AGENT_ID 与 Secret 属于同一应用。`
    case 50003:
      return `应用 ${agentId} 已被停用（50003）：请在管理后台启用该应用。`
    case 60020: {
      const ip = /from ip: ([^,\s]+)/.exec(errmsg)?.[1]
      return `本服务器的出口 IP${ip ? ` ${ip}` : ''} 不在应用 ${agentId} 的「企业可信IP」中（60020）：请在管理后台「应用管理 → 应用 → 企业可信IP」添加该 IP，生效约需一分钟。`
    }
    case 301002:
      return `消息的 agentid 与 access_token 所属应用不一致（301002）：请确认 WECOM_AGENT_ID 与 WECOM_SECRET 属于同一应用。`
    default:
      return null
  }
}
