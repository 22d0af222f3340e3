/**
 * Serves the built web app (dist/web): the mobile H5 at `/`, the PC workbench at `/pc/`.
 * Hashed assets are cached for a year; the HTML pages never, so a deploy shows at once.
 * The build writes `.br` and `.gz` beside each file (scripts/precompress.ts); `preCompressed`
 * sends the one the browser accepts, with `Vary: Accept-Encoding`.
 */
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inlineScriptHashes } from './security-headers'

/** The pages the build writes (vite.config.ts): the phone's and the PC workbench's. */
const PAGES = ['index.html', join('pc', 'index.html')]

/**
 * The hashes the Content-Security-Policy allows: those of the inline scripts of the pages
 * this server sends (web/index.html starts the first reads in one, issue #12), read from the
 * built files themselves, so the policy always fits the pages and allows nothing else.
 */
export function builtInlineScriptHashes(distDir: string): string[] {
  const pages = PAGES.map((p) => join(distDir, p)).filter((p) => existsSync(p))
  return [...new Set(pages.flatMap((p) => inlineScriptHashes(readFileSync(p, 'utf8'))))]
}

export async function registerStatic(app: FastifyInstance, distDir: string) {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web build missing: run `npm run build`')
    return
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    preCompressed: true,
    setHeaders(res, sentPath) {
      // The pre-built file's path ends in .br/.gz; the rule is about the file it stands for.
      const path = sentPath.replace(/\.(br|gz)$/, '')
      if (path.endsWith('.html')) res.header('cache-control', 'no-cache')
      else if (path.includes(`${join('/', 'assets', '/')}`)) res.header('cache-control', 'public, max-age=31536000, immutable')
    },
  })
  app.get('/pc', (_req, reply) => reply.redirect('/pc/'))
}
