/**
 * Headers every answer carries (issue #11 "Web security"; docs/ARCHITECTURE.md principles):
 *
 * - `Content-Security-Policy`: scripts only from this origin, and the inline scripts of the
 *   built pages by their SHA-256 (web/index.html's first script, which starts the first reads
 *   before the app's script arrives — issue #12): an injected `<script>` matches no hash and
 *   cannot run. No `'unsafe-inline'` for scripts, ever. Styles may be inline: the server's own error and simulator pages carry a
 *   `<style>` block, and an inline style cannot run code. `frame-ancestors` lets only this
 *   origin and the WeCom clients' web pages frame the app (clickjacking).
 * - `X-Content-Type-Options: nosniff`: an uploaded photo is never taken for a script.
 * - `Referrer-Policy: strict-origin-when-cross-origin`: a page's path (member ids, codes in a
 *   query) never leaves in a Referer to another site.
 * - `Strict-Transport-Security` only when the public address is https (behind the TLS proxy):
 *   over plain http a browser ignores it and the demo must stay reachable on localhost.
 *
 * Set in `onRequest`, so 404s, errors, static files and the simulator's pages get them too.
 */
import type { FastifyInstance } from 'fastify'
import { createHash } from 'node:crypto'

/** The WeCom clients that may show the app inside a frame (docs/WECOM.md §6). */
const WECOM_FRAME_ANCESTORS = ['https://work.weixin.qq.com', 'https://*.work.weixin.qq.com']

const contentSecurityPolicy = (scriptHashes: string[]) => [
  "default-src 'self'",
  ["script-src 'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' '),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors 'self' ${WECOM_FRAME_ANCESTORS.join(' ')}`,
].join('; ')

/**
 * `sha256-…` of every inline `<script>` in `html` (a built page), as CSP writes a hash
 * source: the digest of the script's text exactly as it stands between its tags.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => `sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}`)
  return [...new Set(hashes)]
}

export function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean; scriptHashes?: string[] }) {
  const policy = contentSecurityPolicy(opts.scriptHashes ?? [])
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('content-security-policy', policy)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'strict-origin-when-cross-origin')
    if (opts.https) reply.header('strict-transport-security', 'max-age=31536000')
  })
}
