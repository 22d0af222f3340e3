/**
 * The little HTTP vocabulary the simulator's handlers speak: a parsed request in, a plain
 * response out. Handlers stay free of node:http so each one reads as the protocol rule it is.
 */
export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string | undefined>
  cookies: Record<string, string>
  body: string
  /** Caller IP without the IPv4-mapped `::ffff:` prefix. */
  ip: string
  /** Origin of the simulator itself, e.g. `http://127.0.0.1:41234`. */
  origin: string
}

export interface SimResponse {
  status: number
  headers: Record<string, string | string[]>
  body: string
}

export function html(body: string, status = 200): SimResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body }
}

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(value) }
}

export function redirect(location: string, setCookie?: string): SimResponse {
  const headers: Record<string, string | string[]> = { location, 'cache-control': 'no-store' }
  if (setCookie) headers['set-cookie'] = setCookie
  return { status: 302, headers, body: '' }
}

/** nginx's plain answer for paths WeCom does not have (docs/WECOM.md §4.0: unknown path → 404). */
export function notFound(): SimResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/html' },
    body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1) continue
    const name = part.slice(0, eq).trim()
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      out[name] = part.slice(eq + 1).trim()
    }
  }
  return out
}

/** HTTP header values must be Latin-1; errmsg may name a non-ASCII userid. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?')
}
