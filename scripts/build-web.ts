/**
 * Builds the web app when dist/web is missing or older than its sources, so `npm start`
 * on a fresh clone "builds what is missing" (docs/CONTRACT.md) and stays quick afterwards.
 * Vite runs in a process of its own: loaded into the server's, it would stay in its memory
 * for as long as the server runs (issue #12).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const distIndex = join(root, 'dist/web/index.html')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

export function webBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true
  const built = statSync(distIndex).mtimeMs
  // This file too: how the build runs is part of what it builds (a development bundle left by
  // an older version of it is built again).
  const inputs = [newestMtime(join(root, 'web')), newestMtime(join(root, 'shared')), ...['vite.config.ts', 'scripts/build-web.ts'].map((f) => statSync(join(root, f)).mtimeMs)]
  return Math.max(...inputs) > built
}

export async function buildWebIfStale(): Promise<void> {
  if (!webBuildIsStale()) return
  console.log('正在构建前端页面（vite build）…')
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')
  // Always the production build: started from a test (vitest sets NODE_ENV=test) Vite built
  // Vue's development bundle — 90 KB gzipped instead of 69 — which `npm start` then served.
  const env = { ...process.env, NODE_ENV: 'production' }
  const built = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env })
  if (built.status !== 0) throw new Error(`前端页面构建失败（vite build 退出码 ${built.status ?? built.signal}）`)
}
