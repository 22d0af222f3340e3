/**
 * The server API host (qyapi.weixin.qq.com/cgi-bin/…, docs/WECOM.md §4, §7). Every answer is
 * HTTP 200 JSON with `errcode`/`errmsg` and the `Error-Code`/`Error-Msg` headers the real
 * service sends (§4.0); checks run in the order of §11.1 "Validation order".
 */
import { randomBytes } from 'node:crypto'
import { SimApiError, errmsgFor } from './errcodes'
import { headerSafe, json, notFound, type SimRequest, type SimResponse } from './http-kit'
import type { SimAgent } from './model'
import type { SimulatorState } from './state'

type Body = Record<string, unknown>
type Handler = (req: SimRequest, sim: SimulatorState) => Body

/** `{errcode, errmsg, …}` with the matching headers. */
export function apiAnswer(sim: SimulatorState, req: SimRequest, errcode: number, body: Body = {}, text?: string): SimResponse {
  const errmsg = errcode === 0 ? 'ok' : errmsgFor(errcode, req.ip, sim.now(), text)
  return json({ errcode, errmsg, ...body }, 200, {
    'error-code': String(errcode),
    'error-msg': headerSafe(errmsg),
    server: 'nginx',
  })
}

/** Token-bearing calls: trusted IP first, then the token (docs/WECOM.md §11.1 steps 1 and 3). */
function caller(req: SimRequest, sim: SimulatorState): SimAgent {
  if (!sim.ipAllowed(req.ip)) throw new SimApiError(60020)
  // The token is read from the query only: in a header or the body it is "missing" (§4.0).
  return sim.authenticate(req.query.get('access_token'))
}

function jsonBody(req: SimRequest): Body {
  try {
    const value: unknown = JSON.parse(req.body)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Body
  } catch {
    // fall through
  }
  throw new SimApiError(40058, 'invalid parameter, Warning: wrong json format.')
}

const gettoken: Handler = (req, sim) => {
  const secret = req.query.get('corpsecret')
  const corpid = req.query.get('corpid')
  // The real service checks the secret's presence before the corp id (docs/WECOM.md §4.1).
  if (!secret) throw new SimApiError(41004)
  if (!corpid) throw new SimApiError(41002)
  if (corpid !== sim.corpId) throw new SimApiError(40013)
  const agent = [...sim.agents.values()].find((a) => a.secret === secret)
  if (!agent) throw new SimApiError(40001)
  if (!agent.enabled) throw new SimApiError(50003)
  const { token, expiresIn } = sim.issueToken(agent)
  return { access_token: token, expires_in: expiresIn }
}

function exchangeCode(req: SimRequest, sim: SimulatorState) {
  const agent = caller(req, sim)
  const code = req.query.get('code')
  if (!code) throw new SimApiError(41008)
  const record = sim.consumeCode(code, agent)
  const subject = record.subject
  if ('openid' in subject) return { agent, record, userid: null, openid: subject.openid, ticket: null }
  // user_ticket only for snsapi_privateinfo and a member inside the visible scope (docs/WECOM.md §4.2).
  const ticket =
    record.scope === 'snsapi_privateinfo' && sim.isVisible(agent, subject.userid)
      ? sim.issueUserTicket(subject.userid, agent.agentId)
      : null
  return { agent, record, userid: subject.userid, openid: null, ticket }
}

const getUserInfo: Handler = (req, sim) => {
  const r = exchangeCode(req, sim)
  if (r.openid) return { openid: r.openid }
  return r.ticket ? { userid: r.userid, user_ticket: r.ticket.ticket, expires_in: r.ticket.expiresIn } : { userid: r.userid }
}

/** The legacy name answers in PascalCase (docs/WECOM.md §4.5). */
const legacyGetUserInfo: Handler = (req, sim) => {
  const r = exchangeCode(req, sim)
  if (r.openid) return { OpenId: r.openid, DeviceId: '' }
  return r.ticket
    ? { UserId: r.userid, DeviceId: '', user_ticket: r.ticket.ticket, expires_in: r.ticket.expiresIn }
    : { UserId: r.userid, DeviceId: '' }
}

const getUserDetail: Handler = (req, sim) => {
  const agent = caller(req, sim)
  const body = jsonBody(req)
  const ticket = sim.redeemUserTicket(typeof body.user_ticket === 'string' ? body.user_ticket : undefined)
  const user = sim.user(ticket.userid)
  if (!user || !sim.isVisible(agent, user.userid)) throw new SimApiError(60011)
  return {
    userid: user.userid,
    gender: user.gender,
    avatar: 'http://wework.qpic.cn/bizmail/simulated/0',
    qr_code: `https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=${user.userid}`,
    mobile: user.mobile,
    email: user.email,
    biz_mail: '',
    address: '',
  }
}

const getUser: Handler = (req, sim) => {
  const agent = caller(req, sim)
  const userid = req.query.get('userid')
  if (!userid) throw new SimApiError(41009)
  const user = sim.user(userid)
  if (!user) throw new SimApiError(60111, `invalid string value \`${userid}\`. userid not found`)
  if (!sim.isVisible(agent, user.userid)) throw new SimApiError(60011)
  const base = {
    userid: user.userid,
    name: user.name,
    department: user.department,
    order: user.department.map(() => 0),
    position: user.position,
    status: user.status,
    isleader: 0,
    is_leader_in_dept: user.department.map(() => 0),
    direct_leader: [],
    main_department: user.department[0] ?? 1,
    telephone: '',
    alias: '',
    extattr: { attrs: [] },
    external_position: '',
  }
  // New apps no longer receive these (docs/WECOM.md §1 "Sensitive fields", §4.4).
  if (sim.hideSensitiveFields) return base
  return { ...base, mobile: user.mobile, gender: user.gender, email: user.email, avatar: '', thumb_avatar: '', qr_code: '', address: '' }
}

const getJsapiTicket: Handler = (req, sim) => {
  const { ticket, expiresIn } = sim.tickets.corp(caller(req, sim))
  return { ticket, expires_in: expiresIn }
}

const getAgentTicket: Handler = (req, sim) => {
  const agent = caller(req, sim)
  if (req.query.get('type') !== 'agent_config') throw new SimApiError(40058)
  const { ticket, expiresIn } = sim.tickets.agent(agent)
  return { ticket, expires_in: expiresIn }
}

const splitIds = (value: unknown): string[] =>
  typeof value === 'string' ? value.split('|').map((s) => s.trim()).filter(Boolean) : []

/** POST message/send (docs/WECOM.md §7, §11.1 step 8). */
const sendMessage: Handler = (req, sim) => {
  const agent = caller(req, sim)
  const body = jsonBody(req)
  const agentid = body.agentid
  // agentid must be an integer (a string is refused) and name a real app.
  if (typeof agentid !== 'number' || !Number.isInteger(agentid) || !sim.agent(agentid)) throw new SimApiError(40056)
  if (String(agentid) !== agent.agentId) throw new SimApiError(301002)
  const touser = splitIds(body.touser)
  const toparty = splitIds(body.toparty)
  const totag = splitIds(body.totag)
  if (!touser.length && !toparty.length && !totag.length) throw new SimApiError(82001)
  const textcard = body.textcard as Body | undefined
  if (body.msgtype === 'textcard' && (!textcard || typeof textcard.description !== 'string' || !textcard.description)) {
    throw new SimApiError(41033)
  }
  const text = body.text as Body | undefined
  if (body.msgtype === 'text' && (!text || typeof text.content !== 'string' || !text.content)) throw new SimApiError(41016)

  const visibleUsers = [...sim.users.values()].filter((u) => sim.isVisible(agent, u.userid))
  const recipients = new Set<string>()
  const invaliduser: string[] = []
  for (const id of touser.includes('@all') ? visibleUsers.map((u) => u.userid) : touser) {
    const user = sim.user(id)
    if (user && sim.isVisible(agent, user.userid)) recipients.add(user.userid)
    else invaliduser.push(id.toLowerCase()) // "invaliduser userids are lower-cased" (§7)
  }
  const invalidparty: string[] = []
  for (const party of touser.includes('@all') ? [] : toparty) {
    const members = visibleUsers.filter((u) => u.department.includes(Number(party)))
    if (members.length) members.forEach((u) => recipients.add(u.userid))
    else invalidparty.push(party)
  }
  // The simulated corp has no tags: every tag is invalid.
  const invalidtag = touser.includes('@all') ? [] : totag
  if (!recipients.size) throw new SimApiError(81013)

  const delivered: string[] = []
  const dropped: string[] = []
  for (const userid of recipients) (sim.deliverTo(agent.agentId, userid) ? delivered : dropped).push(userid)
  const msgid = randomBytes(24).toString('base64url')
  sim.messages.push({ at: sim.now(), agentId: agent.agentId, payload: body, delivered, dropped, invaliduser, invalidparty, invalidtag, msgid })
  const answer: Body = { invaliduser: invaliduser.join('|') }
  if (invalidparty.length) answer.invalidparty = invalidparty.join('|')
  if (invalidtag.length) answer.invalidtag = invalidtag.join('|')
  return { ...answer, msgid }
}

const API: Record<string, Handler> = {
  gettoken,
  'auth/getuserinfo': getUserInfo,
  'user/getuserinfo': legacyGetUserInfo,
  'auth/getuserdetail': getUserDetail,
  'user/get': getUser,
  get_jsapi_ticket: getJsapiTicket,
  'ticket/get': getAgentTicket,
  'message/send': sendMessage,
}

/** `/cgi-bin/auth/getuserinfo` → `auth/getuserinfo`; the key for call counts and faults. */
export function apiNameOf(path: string): string | null {
  return path.startsWith('/cgi-bin/') ? path.slice('/cgi-bin/'.length) : null
}

export function isKnownApi(name: string): boolean {
  return Object.hasOwn(API, name)
}

export function handleApi(req: SimRequest, sim: SimulatorState, name: string): SimResponse {
  const handler = isKnownApi(name) ? API[name] : undefined
  if (!handler) return notFound()
  try {
    return apiAnswer(sim, req, 0, handler(req, sim))
  } catch (err) {
    if (err instanceof SimApiError) return apiAnswer(sim, req, err.errcode, {}, err.text)
    throw err
  }
}
