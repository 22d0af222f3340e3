/**
 * JSON answers above a threshold go out compressed (issue #12: operators on 4G phones).
 * Brotli at a low quality where the browser accepts it (smaller than gzip at the same CPU),
 * else gzip; zlib runs on libuv's thread pool, so the event loop is not held by it. Small
 * answers stay plain: compressing them costs more than the bytes it saves.
 */
import type { FastifyInstance } from 'fastify'
import { brotliCompress, gzip, constants } from 'node:zlib'
import { promisify } from 'node:util'

const COMPRESS_MIN_BYTES = 1024
const br = promisify(brotliCompress)
const gz = promisify(gzip)

/** Which coding to use for an Accept-Encoding header: 'br', 'gzip' or null. */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null
  const offered = new Map<string, number>()
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    offered.set(name, q ? Number(q.slice(2)) : 1)
  }
  if ((offered.get('br') ?? 0) > 0) return 'br'
  if ((offered.get('gzip') ?? 0) > 0) return 'gzip'
  return null
}

export function registerJsonCompression(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload
    if (reply.hasHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload
    reply.header('vary', reply.hasHeader('vary') ? `${reply.getHeader('vary')}, Accept-Encoding` : 'Accept-Encoding')
    const encoding = pickEncoding(request.headers['accept-encoding'])
    if (!encoding) return payload
    const body = encoding === 'br' ? await br(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) : await gz(payload, { level: 6 })
    reply.header('content-encoding', encoding)
    reply.removeHeader('content-length')
    return body
  })
}
