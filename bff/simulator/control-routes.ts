/**
 * `/__sim/*`: the test controls over HTTP (JSON in, JSON out) for callers in another process,
 * e.g. a browser e2e run against `npm start`. Same operations as control.ts.
 */
import { json, type SimRequest, type SimResponse } from './http-kit'
import type { SimulatorControl } from './control'

type Args = Record<string, unknown>
type Route = (args: Args) => unknown

const num = (v: unknown, name: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} must be a number`)
  return v
}
const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`${name} is required`)
  return String(v)
}
const optStr = (v: unknown) => (typeof v === 'string' ? v : undefined)
const optNum = (v: unknown) => (typeof v === 'number' ? v : undefined)
const optList = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined)

function routes(control: SimulatorControl): Record<string, Route> {
  return {
    'POST /__sim/reset': () => (control.reset(), { ok: true }),
    'POST /__sim/tokens/expire': () => ({ expired: control.expireAllTokens() }),
    'POST /__sim/tokens/revoke': (a) => ({ revoked: control.revokeToken(optStr(a.token)) }),
    'GET /__sim/tokens': () => ({ tokens: control.liveTokens() }),
    'POST /__sim/faults/errcode': (a) => (control.failNext(num(a.count, 'count'), { errcode: optNum(a.errcode), api: optStr(a.api) }), { ok: true }),
    'POST /__sim/faults/http': (a) => (control.httpErrorNext(num(a.count, 'count'), { status: optNum(a.status), api: optStr(a.api) }), { ok: true }),
    'POST /__sim/faults/delay': (a) => (control.slowDown(num(a.ms, 'ms'), { count: optNum(a.count), api: optStr(a.api) }), { ok: true }),
    'POST /__sim/faults/clear': () => (control.clearFaults(), { ok: true }),
    'POST /__sim/ips/block': (a) => (control.blockIp(str(a.ip, 'ip')), { ok: true }),
    'POST /__sim/ips/unblock': (a) => (control.unblockIp(str(a.ip, 'ip')), { ok: true }),
    'POST /__sim/agents/rotate-secret': (a) => ({
      secret: control.rotateSecret(str(a.agentId, 'agentId'), optStr(a.secret), { revokeTokens: a.revokeTokens === true }),
    }),
    'POST /__sim/agents/disable': (a) => (control.disableApp(str(a.agentId, 'agentId')), { ok: true }),
    'POST /__sim/agents/enable': (a) => (control.enableApp(str(a.agentId, 'agentId')), { ok: true }),
    'POST /__sim/agents/update': (a) => (
      control.updateAgent(str(a.agentId, 'agentId'), {
        trustedDomains: optList(a.trustedDomains),
        webLoginDomains: optList(a.webLoginDomains),
        visibleUserIds: optList(a.visibleUserIds),
      }),
      { ok: true }
    ),
    'POST /__sim/clock/advance': (a) => ({ now: control.advanceClock(num(a.ms, 'ms')) }),
    'GET /__sim/clock': () => ({ now: control.now() }),
    'GET /__sim/messages': () => ({ messages: control.messages() }),
    'GET /__sim/calls': () => ({ calls: control.callCounts() }),
    'GET /__sim/tickets': () => control.tickets(),
    'POST /__sim/codes': (a) => ({
      code: control.issueCode({
        agentId: typeof a.agentId === 'string' || typeof a.agentId === 'number' ? a.agentId : undefined,
        userid: optStr(a.userid),
        openid: optStr(a.openid),
        redirectUri: str(a.redirectUri, 'redirectUri'),
        scope: a.scope === 'snsapi_privateinfo' ? 'snsapi_privateinfo' : 'snsapi_base',
        via: a.via === 'weblogin' ? 'weblogin' : 'oauth',
      }),
    }),
  }
}

export function handleControl(req: SimRequest, control: SimulatorControl): SimResponse {
  const route = routes(control)[`${req.method} ${req.path}`]
  if (!route) return json({ error: `no control ${req.method} ${req.path}` }, 404)
  let args: Args = {}
  if (req.body.trim()) {
    try {
      args = JSON.parse(req.body) as Args
    } catch {
      return json({ error: 'body must be JSON' }, 400)
    }
  }
  try {
    return json(route(args) ?? { ok: true })
  } catch (err) {
    return json({ error: (err as Error).message }, 400)
  }
}
