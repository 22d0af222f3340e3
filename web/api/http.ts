/**
 * The one fetch wrapper of the app: JSON in and out, same-origin cookies, the CSRF header on
 * every non-GET request, the API's error shape turned into ApiError, and any 401 sent back to
 * login (docs/CONTRACT.md "JSON API", "Login").
 */
import { ERRORS } from '@shared/errors'

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For REALNAME_OFFLINE_REQUIRED: where offline verification happens. */
    readonly pcUrl?: string,
  ) {
    super(message)
  }
}

export const NETWORK_MESSAGE = '网络异常，请检查网络后重试'

/** The CSRF token comes from /api/me; `refresh` asks for a new one after a CSRF refusal. */
export type CsrfSource = (refresh: boolean) => string | Promise<string>
let csrfSource: CsrfSource = () => ''
export function setCsrfSource(source: CsrfSource) {
  csrfSource = source
}

/** Where an expired session goes: the BFF's login, coming back to this very screen. */
export function loginUrl(loc: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  return '/auth/login?next=' + encodeURIComponent(loc.pathname + loc.search + loc.hash)
}

let redirecting = false
function reenterLogin() {
  if (unauthenticatedHandler) return unauthenticatedHandler()
  if (redirecting) return
  redirecting = true
  window.location.href = loginUrl()
}

/**
 * What a 401 does instead of going to WeCom's login: the PC workbench shows its own login page
 * (组织账号/手机号 + 密码, or 企业微信扫码登录). Null restores the default.
 */
let unauthenticatedHandler: (() => void) | null = null
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  unauthenticatedHandler = handler
}

type Query = Record<string, string | number | boolean | null | undefined>

function queryString(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** What request() reads of an answer: a fetch Response, or an early read's (takeEarlyRead). */
type Answer = Pick<Response, 'status' | 'ok' | 'text'>

async function readJson(res: Answer): Promise<unknown> {
  const text = await res.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function messageForStatus(status: number): string {
  if (status === 403) return ERRORS.FORBIDDEN.message
  if (status === 404) return ERRORS.NOT_FOUND.message
  if (status === 409) return ERRORS.CONFLICT.message
  if (status === 413) return ERRORS.PAYLOAD_TOO_LARGE.message
  if (status === 429) return ERRORS.RATE_LIMITED.message
  return ERRORS.INTERNAL.message
}

function toApiError(status: number, body: unknown): ApiError {
  const b = body as { code?: unknown; message?: unknown; pcUrl?: unknown } | undefined
  const code = typeof b?.code === 'string' ? b.code : status === 409 ? 'CONFLICT' : `HTTP_${status}`
  const message = typeof b?.message === 'string' && b.message ? b.message : messageForStatus(status)
  return new ApiError(status, code, message, typeof b?.pcUrl === 'string' ? b.pcUrl : undefined)
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
}

declare global {
  interface Window {
    /**
     * Reads web/index.html started before the app's script arrived, by URL (path and query),
     * each with its body already read: taking one costs the app no further task, so a first
     * screen whose data came first renders with it at once, not as a skeleton first.
     */
    __earlyReads?: Record<string, Promise<{ status: number; body: string }>>
  }
}

/**
 * A read web/index.html's inline script started for this URL, taken once: a cold start asks
 * for /api/me and the first screen's data beside the app's script instead of after it — one
 * round trip less on a phone network (issue #12). A read nobody takes costs nothing more.
 */
async function takeEarlyRead(url: string): Promise<Answer | undefined> {
  const reads = typeof window === 'undefined' ? undefined : window.__earlyReads
  const started = reads?.[url]
  if (!started) return undefined
  delete reads[url]
  const { status, body } = await started
  return { status, ok: status >= 200 && status < 300, text: async () => body }
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const send = async (refreshCsrf: boolean): Promise<Answer> => {
    const url = path + queryString(opts.query)
    if (method === 'GET' && !opts.signal) {
      const early = await takeEarlyRead(url).catch(() => {
        throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE)
      })
      if (early) return early
    }
    const headers: Record<string, string> = { Accept: 'application/json' }
    // A FormData body (multipart upload) goes as it is: the browser writes its content type.
    const form = typeof FormData !== 'undefined' && opts.body instanceof FormData
    // Only with a body: Fastify refuses an empty body sent as application/json.
    if (opts.body !== undefined && !form) headers['Content-Type'] = 'application/json'
    if (method !== 'GET') headers['X-CSRF-Token'] = await csrfSource(refreshCsrf)
    try {
      return await fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      })
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE)
    }
  }

  let res = await send(false)
  let body = await readJson(res)
  // A token gone stale (e.g. the session was renewed in another tab): fetch a new one, retry once.
  if (res.status === 403 && (body as { code?: string } | undefined)?.code === 'CSRF' && method !== 'GET') {
    res = await send(true)
    body = await readJson(res)
  }
  if (res.status === 401) {
    reenterLogin()
    throw new ApiError(401, 'UNAUTHENTICATED', ERRORS.UNAUTHENTICATED.message)
  }
  if (!res.ok) throw toApiError(res.status, body)
  return body as T
}

/** The message to show for any failure, as the API wrote it. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  return ERRORS.INTERNAL.message
}

/** Error codes that mean "this request is settled elsewhere": retrying cannot help. */
const FINAL_CODES: ReadonlySet<string> = new Set(['CONFLICT', 'NOT_FOUND', 'NOT_DECIDABLE', 'READ_ONLY', 'FORBIDDEN'])
export function isFinal(e: unknown): boolean {
  return e instanceof ApiError && (FINAL_CODES.has(e.code) || e.status === 409 || e.status === 404)
}
