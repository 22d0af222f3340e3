/**
 * Component tests stub the network edge, not our code: `fetch` answers per "METHOD /path".
 * A handler gets the parsed request and returns {status, body}; a plain value is a 200 body.
 */
import { vi } from 'vitest'

export interface StubRequest {
  method: string
  path: string
  query: URLSearchParams
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a stub reads whatever the page sent
  body: any
  headers: Record<string, string>
}
export type StubAnswer = { status?: number; body?: unknown }
export type StubHandler = (req: StubRequest) => StubAnswer | Promise<StubAnswer>

export function stubApi(routes: Record<string, StubHandler | object>) {
  const calls: StubRequest[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]))
    const req: StubRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers,
    }
    calls.push(req)
    const route = routes[`${req.method} ${req.path}`]
    const answer: StubAnswer =
      route === undefined
        ? { status: 404, body: { code: 'NOT_FOUND', message: '记录不存在或您无权查看' } }
        : typeof route === 'function'
          ? await (route as StubHandler)(req)
          : route instanceof Answer
            ? route
            : { status: 200, body: route }
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock }
}

class Answer implements StubAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** An error answer in the API's shape; usable as a route value or returned by a handler. */
export const apiError = (status: number, code: string, message: string, extra: object = {}): StubAnswer =>
  new Answer(status, { code, message, ...extra })
