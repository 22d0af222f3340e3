/**
 * One HTTP exchange with the WeCom API, bounded by a time-out. WeCom answers every outcome
 * as HTTP 200 JSON (docs/WECOM.md §4.0), so anything else — 5xx, a 404 from a wrong base URL, a
 * network error, a time-out, a body that is not JSON — means WeCom is not reachable as
 * configured and becomes a WecomUnavailableError.
 */
import { WecomUnavailableError } from './errors'

export type WecomBody = Record<string, unknown> & { errcode?: number; errmsg?: string }

export interface ApiRequest {
  api: string
  method: 'GET' | 'POST'
  query: Record<string, string>
  body?: unknown
}

export interface Transport {
  send(request: ApiRequest): Promise<WecomBody>
}

export function createTransport(opts: { apiBase: string; timeoutMs: number; fetch: typeof fetch }): Transport {
  const base = opts.apiBase.replace(/\/+$/, '')
  return {
    async send({ api, method, query, body }) {
      // The access token travels only in the query string (docs/WECOM.md §4.0, 41001 otherwise).
      const url = `${base}/cgi-bin/${api}?${new URLSearchParams(query)}`
      let response: Response
      try {
        response = await opts.fetch(url, {
          method,
          headers: body === undefined ? undefined : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs),
        })
      } catch (err) {
        throw unreachable(api, err, opts.timeoutMs)
      }
      let text: string
      try {
        text = await response.text()
      } catch (err) {
        throw unreachable(api, err, opts.timeoutMs)
      }
      if (response.status !== 200) throw new WecomUnavailableError(api, 'http', `HTTP ${response.status}`)
      try {
        const parsed: unknown = JSON.parse(text)
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as WecomBody
      } catch {
        // reported below
      }
      throw new WecomUnavailableError(api, 'bad-response', '应答不是 JSON 对象')
    },
  }
}

function unreachable(api: string, err: unknown, timeoutMs: number): WecomUnavailableError {
  const name = (err as { name?: string } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new WecomUnavailableError(api, 'timeout', `${timeoutMs} ms 内没有应答`, { cause: err })
  }
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause
  return new WecomUnavailableError(api, 'network', cause?.code ?? cause?.message ?? String(err), { cause: err })
}

/** "部分接口成功时不带 errcode" (docs/WECOM.md §4.0): a missing errcode means 0. */
export function errcodeOf(body: WecomBody): number {
  return typeof body.errcode === 'number' ? body.errcode : 0
}
