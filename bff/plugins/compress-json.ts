/**
 * JSON answers above a threshold go out compressed (issue #12: operators on 4G phones).
 * Brotli at a low quality where the browser accepts it (smaller than gzip at the same CPU),
 * else gzip. A page of a list is 5–40 KB, which compresses in about 0.1 ms: done in place,
 * because handing it to libuv's thread pool cost the event loop more than the compression
 * itself (`npm run bench -- --profile`). Small answers stay plain: compressing them costs
 * more than the bytes it saves.
 */
import type { FastifyInstance } from 'fastify'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import { CompressedAnswers } from './compressed-answers'

const COMPRESS_MIN_BYTES = 1024

/** The answer's UTF-8 is encoded once: counting a Chinese page's bytes costs as much as encoding it. */
const gzip = (text: string) => gzipSync(Buffer.from(text), { level: 6 })
function brotli(text: string): Buffer {
  const body = Buffer.from(text)
  // Quality 3 is within 5 % of 4's size on a list page at two thirds of its CPU.
  return brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  })
}

/**
 * How many recent answers keep their compressed bytes (compressed-answers.ts): a page of 20
 * 转接 is about 15,000 characters, so 4 MB holds over a hundred pages, each organisation's
 * first pages in the season; a page of 100 fits under the longest text kept.
 */
const KEPT = { maxEntries: 512, maxBytes: 4 * 1024 * 1024, maxTextLength: 128 * 1024 }

/**
 * At least `COMPRESS_MIN_BYTES` of UTF-8? A string of that many UTF-16 units is (each unit is one
 * to three bytes), so only short answers are counted.
 */
const bigEnough = (payload: string) => payload.length >= COMPRESS_MIN_BYTES || Buffer.byteLength(payload) >= COMPRESS_MIN_BYTES

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
  const compressed = { br: new CompressedAnswers(KEPT, brotli), gzip: new CompressedAnswers(KEPT, gzip) }
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !bigEnough(payload)) return payload
    if (reply.hasHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload
    reply.header('vary', reply.hasHeader('vary') ? `${reply.getHeader('vary')}, Accept-Encoding` : 'Accept-Encoding')
    const encoding = pickEncoding(request.headers['accept-encoding'])
    if (!encoding) return payload
    const body = compressed[encoding].of(payload)
    reply.header('content-encoding', encoding)
    reply.removeHeader('content-length')
    return body
  })
}
