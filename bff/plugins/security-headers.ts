/**
 * Headers every answer carries (issue #11 "Web security"; docs/ARCHITECTURE.md principles):
 *
 * - `Content-Security-Policy`: scripts only from this origin — the build emits no inline script
 *   (web/public/color-scheme.js replaced the one in web/index.html), so an injected `<script>`
 *   cannot run. Styles may be inline: the server's own error and simulator pages carry a
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

/** The WeCom clients that may show the app inside a frame (docs/WECOM.md §6). */
const WECOM_FRAME_ANCESTORS = ['https://work.weixin.qq.com', 'https://*.work.weixin.qq.com']

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors 'self' ${WECOM_FRAME_ANCESTORS.join(' ')}`,
].join('; ')

export function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }) {
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'strict-origin-when-cross-origin')
    if (opts.https) reply.header('strict-transport-security', 'max-age=31536000')
  })
}
