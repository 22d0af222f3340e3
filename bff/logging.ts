/**
 * Request logging that does not cost throughput (issue #12): one line per answered request
 * (not Fastify's two), written to stdout through an asynchronous destination — lines queue in
 * memory while a write is in flight and go out together, so no request waits on a `write(2)`.
 * Redaction stays with the `req` serializer given to the logger (app.ts), so whatever rules
 * it carries apply to this line too.
 */
import pino from 'pino'
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/** Logger options for a server process, plus a flush for shutdown so the last lines are not lost. */
export function serverLogOptions(level: string) {
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

/** Fastify's log controller with the 'incoming request' line folded into 'request completed'. */
export class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
