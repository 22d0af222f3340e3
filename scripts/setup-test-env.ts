/**
 * What the browser tests need from the machine, installed once by `npm test` before anything
 * runs (and on its own by `npm run test:setup`): Debian's Chromium, which playwright-core
 * drives (no browser downloads: docs/ARCHITECTURE.md "Toolchain notes"), and CJK fonts, so the
 * screenshots show the Chinese UI instead of empty boxes. Each is installed with apt-get only
 * when it is missing, and the script says what it installs and why; when everything is
 * present it prints one line.
 */
import { existsSync } from 'node:fs'
import { execFileSync, spawnSync } from 'node:child_process'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

interface Need {
  /** The Debian package that provides it. */
  pkg: string
  why: string
  present(): boolean
}

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  // Without fontconfig Chromium has no fonts at all: installing the font package brings it.
  return r.status === 0 && r.stdout.trim().length > 0
}

const NEEDS: Need[] = [
  { pkg: 'chromium', why: `the e2e tests drive Chromium at ${CHROMIUM} through playwright-core`, present: () => existsSync(CHROMIUM) },
  { pkg: 'fonts-noto-cjk', why: 'the pages are in Chinese; without a CJK font the screenshots show empty boxes', present: hasCjkFont },
]

/** Installs what is missing (apt-get; sudo unless root) and answers Chromium's path. */
export function setupTestEnv(): string {
  const missing = NEEDS.filter((n) => !n.present())
  if (missing.length === 0) {
    console.log(`[test setup] Chromium (${CHROMIUM}) and CJK fonts present: nothing to install.`)
    return CHROMIUM
  }
  console.log('[test setup] installing with apt-get what the browser tests need:')
  for (const n of missing) console.log(`  - ${n.pkg}: ${n.why}`)
  const run = (args: string[]) =>
    execFileSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  run([...sudo, 'apt-get', 'update', '-qq'])
  run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing.map((n) => n.pkg)])
  const still = NEEDS.filter((n) => !n.present())
  if (still.length > 0) throw new Error(`[test setup] still missing after apt-get: ${still.map((n) => n.pkg).join(', ')}`)
  return CHROMIUM
}

if (import.meta.url === `file://${process.argv[1]}`) setupTestEnv()
