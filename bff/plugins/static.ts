/**
 * Serves the built web app (dist/web): the mobile H5 at `/`, the PC workbench at `/pc/`.
 * Hashed assets are cached for a year; the HTML pages never, so a deploy shows at once.
 */
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

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
    setHeaders(res, path) {
      if (path.endsWith('.html')) res.header('cache-control', 'no-cache')
      else if (path.includes(`${join('/', 'assets', '/')}`)) res.header('cache-control', 'public, max-age=31536000, immutable')
    },
  })
  app.get('/pc', (_req, reply) => reply.redirect('/pc/'))
}
