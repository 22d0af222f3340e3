/**
 * Builds the web app when dist/web is missing or older than its sources, so `npm start`
 * on a fresh clone "builds what is missing" (docs/CONTRACT.md) and stays quick afterwards.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
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
  return Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'shared')), statSync(join(root, 'vite.config.ts')).mtimeMs) > built
}

export async function buildWebIfStale(): Promise<void> {
  if (!webBuildIsStale()) return
  console.log('正在构建前端页面（vite build）…')
  const { build } = await import('vite')
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' })
}
