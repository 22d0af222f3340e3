/**
 * startWecomSimulator: the local WeCom (docs/WECOM.md §11) as a real HTTP server on loopback. One
 * origin stands in for all three WeCom hosts — point WECOM_API_BASE, WECOM_OAUTH_BASE and
 * WECOM_LOGIN_BASE at `url`. Independent of the app: node:http only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { apiAnswer, apiNameOf, handleApi, isKnownApi } from './api-routes'
import { authorize, webLogin } from './browser-routes'
import { createControl, type SimulatorControl } from './control'
import { handleControl } from './control-routes'
import { notFound, parseCookies, type SimRequest, type SimResponse } from './http-kit'
import type { SimulatorOptions } from './model'
import { sign } from './sign'
import { SimulatorState } from './state'

export interface WecomSimulator {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  url: string
  port: number
  corpId: string
  state: SimulatorState
  control: SimulatorControl
  sign: typeof sign
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1_048_576

/** What nginx answers for an injected HTTP failure. */
function httpFailure(status: number): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/html', server: 'nginx' },
    body: `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`,
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function toSimRequest(req: IncomingMessage, body: string, origin: string): SimRequest {
  const url = new URL(req.url ?? '/', origin)
  const headers: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    cookies: parseCookies(headers.cookie),
    body,
    ip: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    origin,
  }
}

export async function startWecomSimulator(options: SimulatorOptions): Promise<WecomSimulator> {
  const state = new SimulatorState(options)
  const control = createControl(state)
  const host = options.host ?? '127.0.0.1'
  const pendingDelays = new Set<{ timer: NodeJS.Timeout; done: () => void }>()
  let origin = ''

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => finish(), ms), done: resolve }
      const finish = () => {
        pendingDelays.delete(entry)
        resolve()
      }
      pendingDelays.add(entry)
    })

  async function answerApi(req: SimRequest, name: string): Promise<SimResponse> {
    state.countCall(name)
    const wait = state.faults.takeDelay(name)
    if (wait > 0) await delay(wait)
    const fault = state.faults.take(name)
    if (fault?.kind === 'http') return httpFailure(fault.status)
    if (fault?.kind === 'errcode') return apiAnswer(state, req, fault.errcode)
    return handleApi(req, state, name)
  }

  async function route(req: SimRequest): Promise<SimResponse> {
    if (req.path.startsWith('/__sim/')) return handleControl(req, control)
    const api = apiNameOf(req.path)
    if (api !== null) return isKnownApi(api) ? answerApi(req, api) : notFound()
    switch (req.path) {
      case '/connect/oauth2/authorize':
        state.countCall('connect/oauth2/authorize')
        return authorize(req, state)
      case '/wwlogin/sso/login':
        state.countCall('wwlogin/sso/login')
        return webLogin(req, state, 'wwlogin')
      case '/wwopen/sso/qrConnect':
        state.countCall('wwopen/sso/qrConnect')
        return webLogin(req, state, 'qrconnect')
      default:
        return notFound()
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    readBody(req)
      .then((body) => route(toSimRequest(req, body, origin)))
      .then((answer) => {
        if (res.destroyed) return
        res.writeHead(answer.status, answer.headers)
        res.end(answer.body)
      })
      .catch((err: unknown) => {
        if (res.headersSent || res.destroyed) return
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end(`simulator error: ${(err as Error).message}`)
      })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    url: origin,
    port,
    corpId: options.corpId,
    state,
    control,
    sign,
    close: async () => {
      for (const entry of pendingDelays) {
        clearTimeout(entry.timer)
        entry.done()
      }
      pendingDelays.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
