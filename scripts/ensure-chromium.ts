/**
 * Browser tests use Debian's Chromium (no browser downloads here: docs/ARCHITECTURE.md). Installs it
 * with apt-get when missing, so a fresh machine needs nothing by hand.
 */
import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM
  console.log('[test] Chromium not found: installing Debian package "chromium" …')
  const run = (args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  run([...sudo, 'apt-get', 'update', '-qq'])
  run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'])
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium still missing at ${CHROMIUM}`)
  return CHROMIUM
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium()
