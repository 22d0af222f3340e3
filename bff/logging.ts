/**
 * Request logging that does not cost throughput (issue #12): one line per answered request
 * (not Fastify's two), written to stdout through an asynchronous destination — lines queue in
 * memory while a write is in flight and go out together, so no request waits on a `write(2)`.
 * Redaction stays with the `req` serializer given to the logger (app.ts, redactedRequest
 * below), so whatever rules it carries apply to this line too.
 */
import pino, { type DestinationStream } from 'pino'
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * Logger options for a server process, plus a flush for shutdown so the last lines are not lost.
 * `to`: another destination than stdout (the log-redaction test reads the whole log).
 */
export function serverLogOptions(level: string, to?: DestinationStream) {
  if (to) return { options: { level, stream: to }, flush: () => {} }
  const stream = pino.destination({ dest: 1, sync: false })
  const flush = () => {
    try {
      stream.flushSync()
    } catch {
      // Nothing was buffered or the stream is already closed.
    }
  }
  process.once('exit', flush)
  return { options: { level, stream }, flush }
}

/**
 * Query parameters whose values are shown in the log: states, kinds and sizes. Every other
 * value is hidden — a search (`q`, `mobile`) carries names, phone and ID numbers, the WeCom
 * callback its one-time `code` and `state`, a cursor the last row's sort key (a name), `next`
 * and `url` whatever a page put in them; a new parameter stays hidden until listed here.
 */
const SHOWN_QUERY_VALUES = new Set(['limit', 'sort', 'box', 'kind', 'type', 'profileStatus', 'realNameStatus', 'education', 'expectedGraduation', 'under', 'within'])
const HIDDEN = '[已隐藏]'

/** The URL as it may be logged: the integration API's member look-up has an ID number in its path. */
function logSafeUrl(url: string): string {
  const at = url.indexOf('?')
  const path = (at < 0 ? url : url.slice(0, at)).replace(/(\/integration\/v1\/members\/)[^/#]+/, `$1${HIDDEN}`)
  if (at < 0) return path
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const key = eq < 0 ? pair : pair.slice(0, eq)
      return eq < 0 || SHOWN_QUERY_VALUES.has(key) ? pair : `${key}=${HIDDEN}`
    })
  return `${path}?${query.join('&')}`
}

/**
 * Request log lines without personal data or secrets (issue #11; bff/security/log-redaction.test.ts):
 * method, the URL through logSafeUrl, the client's address — never headers (cookies, the CSRF
 * token, the integration API key) nor bodies (passwords, ID and phone numbers).
 */
export function redactedRequest(req: { method: string; url: string; ip?: string }) {
  return { method: req.method, url: logSafeUrl(req.url), remoteAddress: req.ip }
}

/** Fastify's log controller with the 'incoming request' line folded into 'request completed'. */
export class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
