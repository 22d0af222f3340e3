/**
 * The BFF's WeCom API client (docs/WECOM.md §4, §7, §10). Policy:
 * - access tokens cached per app with a safety margin, one refresh in flight per app;
 * - 40014/42001: drop the token only if it is still the one that failed, fetch once, retry once;
 * - -1 系统繁忙: exponential backoff, at most 3 retries, then WecomUnavailableError;
 * - configuration errors (40001, 40013, 48002, 50001, 60020, 301002, …) are never retried and
 *   are logged with what to fix;
 * - JS-SDK tickets (corp and agent) cached like tokens ("≤100/h per app", §4.6/§4.7).
 */
import { systemClock, type Clock } from '../clock'
import { CredentialCache } from './credential-cache'
import {
  BUSY_ERRCODE,
  TOKEN_ERRCODES,
  WecomApiError,
  WecomUnavailableError,
  misconfigurationHint,
} from './errors'
import { createTransport, errcodeOf, type ApiRequest, type WecomBody } from './transport'

export interface WecomLogger {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface WecomClientOptions {
  /** Origin of the server API, e.g. `https://qyapi.weixin.qq.com` (docs/CONTRACT.md WECOM_API_BASE). */
  apiBase: string
  corpId: string
  /** agentId → that app's secret ("每个应用有独立的secret", docs/WECOM.md §1). */
  agents: Record<string, string>
  /** The app used when a call names none; default: the first of `agents`. */
  defaultAgentId?: string
  /** Per HTTP call (default 5000 ms). */
  timeoutMs?: number
  clock?: Clock
  logger?: WecomLogger
  fetch?: typeof fetch
  /** Refresh tokens and tickets this long before they expire (default 5 min, docs/WECOM.md §10). */
  refreshMarginMs?: number
  /** First -1 backoff; then doubled (default 200 ms → 200, 400, 800). */
  busyRetryBaseMs?: number
  /** How to wait between -1 retries; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>
}

type CodeIdentity = { userid: string; userTicket?: string } | { openid: string }

/** user/get (docs/WECOM.md §4.4); sensitive fields are absent for apps created after 2022-06-20. */
interface WecomUser {
  userid: string
  name: string
  department: number[]
  position?: string
  status?: number
  mobile?: string
  email?: string
  [field: string]: unknown
}

interface TextCard {
  title: string
  description: string
  url: string
  btntxt?: string
}

/** message/send (docs/WECOM.md §7). `agentid` defaults to the default app and is sent as an integer. */
type SendMessagePayload = {
  touser?: string | string[]
  toparty?: string | string[]
  totag?: string | string[]
  agentid?: number | string
  enable_duplicate_check?: 0 | 1
  duplicate_check_interval?: number
} & ({ msgtype: 'textcard'; textcard: TextCard } | { msgtype: 'text'; text: { content: string } })

interface SendMessageResult {
  /** Recipients WeCom refused (lower-cased by WeCom); the rest were sent. */
  invaliduser: string[]
  invalidparty: string[]
  invalidtag: string[]
  /** In scope but without a 基础接口许可. */
  unlicenseduser: string[]
  msgid: string | null
}

export interface WecomClient {
  readonly corpId: string
  readonly defaultAgentId: string
  getAccessToken(agentId?: string): Promise<string>
  /** auth/getuserinfo: a member's `userid` or a non-member's `openid` (docs/WECOM.md §4.2). 40029 → WecomApiError. */
  getUserInfoByCode(code: string, agentId?: string): Promise<CodeIdentity>
  getUser(userid: string, agentId?: string): Promise<WecomUser>
  /** Corp ticket for `ww.register`'s getConfigSignature (docs/WECOM.md §4.6). */
  getJsapiTicket(): Promise<string>
  /** Agent ticket for getAgentConfigSignature, fetched with that app's token (docs/WECOM.md §4.7). */
  getAgentTicket(agentId?: string): Promise<string>
  /** 81013 (every recipient invalid) is a WecomApiError; partial failures come back in the result. */
  sendMessage(payload: SendMessagePayload): Promise<SendMessageResult>
}

const MAX_BUSY_RETRIES = 3
const consoleLogger: WecomLogger = {
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
}
const splitIds = (v: unknown): string[] => (typeof v === 'string' && v ? v.split('|') : [])
const joinIds = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('|') : v)

export function createWecomClient(options: WecomClientOptions): WecomClient {
  const agentIds = Object.keys(options.agents)
  const defaultAgentId = options.defaultAgentId ?? agentIds[0]
  if (!defaultAgentId || !options.agents[defaultAgentId]) throw new Error('createWecomClient: no secret for the default agent')
  const clock = options.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const busyBaseMs = options.busyRetryBaseMs ?? 200
  const transport = createTransport({ apiBase: options.apiBase, timeoutMs: options.timeoutMs ?? 5000, fetch: options.fetch ?? fetch })
  const cache = new CredentialCache(() => clock.now().getTime(), options.refreshMarginMs ?? 300_000)

  const secretOf = (agentId: string): string => {
    const secret = options.agents[agentId]
    if (!secret) throw new Error(`createWecomClient: no secret configured for agent ${agentId}`)
    return secret
  }

  /** A WeCom refusal → the error to throw, logging configuration mistakes for a human. */
  function refusal(api: string, agentId: string, body: WecomBody): Error {
    const errcode = errcodeOf(body)
    const errmsg = typeof body.errmsg === 'string' ? body.errmsg : ''
    if (errcode === BUSY_ERRCODE) {
      logger.warn({ api, agentId, errcode }, `企业微信持续繁忙（-1），已重试 ${MAX_BUSY_RETRIES} 次`)
      return new WecomUnavailableError(api, 'busy', `系统繁忙，重试 ${MAX_BUSY_RETRIES} 次后仍失败`)
    }
    const hint = misconfigurationHint(errcode, agentId, errmsg)
    if (hint) logger.error({ api, agentId, errcode, errmsg }, hint)
    return new WecomApiError(api, errcode, errmsg)
  }

  /** Sends, retrying -1 with exponential backoff (docs/WECOM.md §4.0 "建议重试次数不超过3次"). */
  async function sendRetryingBusy(request: ApiRequest): Promise<WecomBody> {
    for (let retry = 0; ; retry++) {
      const body = await transport.send(request)
      if (errcodeOf(body) !== BUSY_ERRCODE || retry >= MAX_BUSY_RETRIES) return body
      await sleep(busyBaseMs * 2 ** retry)
    }
  }

  function getAccessToken(agentId = defaultAgentId): Promise<string> {
    return cache.get(`token:${agentId}`, async () => {
      const body = await sendRetryingBusy({
        api: 'gettoken',
        method: 'GET',
        query: { corpid: options.corpId, corpsecret: secretOf(agentId) },
      })
      if (errcodeOf(body) !== 0 || typeof body.access_token !== 'string') throw refusal('gettoken', agentId, body)
      return { value: body.access_token, expiresInMs: Number(body.expires_in ?? 7200) * 1000 }
    })
  }

  /** A token-bearing call with the refresh-once rule for 40014/42001 (docs/WECOM.md §10). */
  async function call(api: string, agentId: string, request: Omit<ApiRequest, 'api' | 'query'> & { query?: Record<string, string> }) {
    for (let refreshed = false; ; refreshed = true) {
      const token = await getAccessToken(agentId)
      const body = await sendRetryingBusy({ api, method: request.method, body: request.body, query: { ...request.query, access_token: token } })
      const errcode = errcodeOf(body)
      if (errcode === 0) return body
      if (TOKEN_ERRCODES.has(errcode) && !refreshed) {
        cache.invalidate(`token:${agentId}`, token)
        continue
      }
      if (TOKEN_ERRCODES.has(errcode)) logger.warn({ api, agentId, errcode }, '刷新 access_token 后企业微信仍然拒绝，放弃本次调用')
      throw refusal(api, agentId, body)
    }
  }

  function ticket(cacheKey: string, api: string, agentId: string, query: Record<string, string>): Promise<string> {
    return cache.get(cacheKey, async () => {
      const body = await call(api, agentId, { method: 'GET', query })
      if (typeof body.ticket !== 'string') throw new WecomUnavailableError(api, 'bad-response', '应答中没有 ticket')
      return { value: body.ticket, expiresInMs: Number(body.expires_in ?? 7200) * 1000 }
    })
  }

  return {
    corpId: options.corpId,
    defaultAgentId,
    getAccessToken,

    async getUserInfoByCode(code, agentId = defaultAgentId) {
      const body = await call('auth/getuserinfo', agentId, { method: 'GET', query: { code } })
      // Unknown extra fields (user_doc_ticket, external_userid…) are ignored (docs/WECOM.md §4.2).
      if (typeof body.userid === 'string' && body.userid) {
        return typeof body.user_ticket === 'string' ? { userid: body.userid, userTicket: body.user_ticket } : { userid: body.userid }
      }
      if (typeof body.openid === 'string' && body.openid) return { openid: body.openid }
      throw new WecomUnavailableError('auth/getuserinfo', 'bad-response', '应答中既没有 userid 也没有 openid')
    },

    async getUser(userid, agentId = defaultAgentId) {
      const body = await call('user/get', agentId, { method: 'GET', query: { userid } })
      const { errcode: _code, errmsg: _msg, ...user } = body
      return user as WecomUser
    },

    getJsapiTicket: () => ticket('corp-ticket', 'get_jsapi_ticket', defaultAgentId, {}),

    getAgentTicket: (agentId = defaultAgentId) => ticket(`agent-ticket:${agentId}`, 'ticket/get', agentId, { type: 'agent_config' }),

    async sendMessage(payload) {
      const agentId = String(payload.agentid ?? defaultAgentId)
      const message = {
        ...payload,
        touser: joinIds(payload.touser),
        toparty: joinIds(payload.toparty),
        totag: joinIds(payload.totag),
        agentid: Number(agentId), // must be an integer (docs/WECOM.md §1 AgentID)
      }
      const body = await call('message/send', agentId, { method: 'POST', body: message })
      return {
        invaliduser: splitIds(body.invaliduser),
        invalidparty: splitIds(body.invalidparty),
        invalidtag: splitIds(body.invalidtag),
        unlicenseduser: splitIds(body.unlicenseduser),
        msgid: typeof body.msgid === 'string' ? body.msgid : null,
      }
    },
  }
}
