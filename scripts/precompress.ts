/**
 * Vite plugin: after the build, writes `name.br` and `name.gz` beside every text asset worth
 * compressing, at the highest levels — done once at build time, so the server only picks the
 * file the browser accepts (@fastify/static `preCompressed`) and spends no CPU per request.
 */
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/
/** Below this a compressed file saves less than the extra round of headers costs. */
const MIN_BYTES = 1024

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

export function precompressFiles(dir: string): number {
  let written = 0
  for (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(path)) continue
    const raw = readFileSync(path)
    if (raw.length < MIN_BYTES) continue
    writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }))
    writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }))
    written++
  }
  return written
}

export function precompress(outDir: string): Plugin {
  return {
    name: 'tuanwu-precompress',
    apply: 'build',
    closeBundle() {
      precompressFiles(outDir)
    },
  }
}
