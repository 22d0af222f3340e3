/**
 * WeCom error codes the simulator answers, with the English text the real service puts in
 * front of `, hint: […]` (docs/WECOM.md §8; "[REAL]" strings where captured, the rest follow the
 * same style and are marked UNCONFIRMED there).
 */
import { randomBytes } from 'node:crypto'

const ERRMSG_TEXT: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41008: 'missing code',
  41009: 'missing userid',
  41016: 'missing content',
  41033: 'missing description',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  48002: 'api forbidden',
  50001: 'redirect_uri unauthorized',
  50003: 'application is disabled',
  60011: 'no privilege to access/modify contact/party/agent ',
  60020: 'not allow to access from your ip',
  60111: 'userid not found',
  81013: 'user & party & tag all invalid',
  82001: 'All touser & toparty & totag invalid',
  84014: 'user_ticket expired',
  84015: 'invalid user_ticket',
  84090: 'missing user_ticket',
  301002: 'not allow operate another agent with this accesstoken.',
}

let hintSequence = 0

/** A hint in the older real shape `1607354958_54_c77b…` (seconds_sequence_hex). */
function hint(nowMs: number): string {
  hintSequence = (hintSequence + 1) % 100
  return `${Math.floor(nowMs / 1000)}_${hintSequence}_${randomBytes(16).toString('hex')}`
}

/**
 * errmsg = `<text>, hint: [<id>], from ip: <ip>, more info at https://open.work.weixin.qq.com/devtool/query?e=<code>`
 * (docs/WECOM.md §4.0). `text` overrides the table, e.g. 60111 names the userid.
 */
export function errmsgFor(errcode: number, ip: string, nowMs: number, text?: string): string {
  const base = text ?? ERRMSG_TEXT[errcode] ?? 'unknown error'
  return `${base}, hint: [${hint(nowMs)}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`
}

/** A WeCom API error (always HTTP 200; the server decides on errcode). */
export class SimApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly text?: string,
  ) {
    super(text ?? ERRMSG_TEXT[errcode] ?? `errcode ${errcode}`)
  }
}
