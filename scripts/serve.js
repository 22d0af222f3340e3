/**
 * `npm start` (docs/CONTRACT.md "Modes": builds what is missing, migrates and serves): runs
 * scripts/start.ts from its bundle, dist/server.js, built first by scripts/build-server.ts —
 * in a short process of its own, with tsx — when the bundle is missing or older than any
 * source it was built from. Plain JavaScript, so the long-running server never loads tsx,
 * whose compiling held ~60 MB of its RSS (issue #12). scripts/start.ts does the rest (the
 * checks, the migrations, the web pages, the demo).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = join(root, 'dist/server.js')

/** Missing, or a source (dist/server.meta.json lists them) changed since it was built. */
function bundleIsStale() {
  try {
    const built = statSync(bundle).mtimeMs
    const { inputs } = JSON.parse(readFileSync(join(root, 'dist/server.meta.json'), 'utf8'))
    return inputs.some((input) => statSync(join(root, input)).mtimeMs > built)
  } catch {
    return true // no bundle or no list yet, or a source it was built from is gone
  }
}

if (bundleIsStale()) {
  // tsx is resolved from here, not from the working directory, which may be anywhere.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  const built = spawnSync(process.execPath, ['--import', tsx, join(root, 'scripts/build-server.ts')], { stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}
await import(pathToFileURL(bundle).href)
