/**
 * `npm test`: the whole suite on a fresh clone — unit, API, component and browser tests.
 * Installs Chromium when missing and builds the web app the browser tests are served.
 * PostgreSQL suites run too when TEST_DATABASE_URL is set (docs/CONTRACT.md).
 */
import { spawnSync } from 'node:child_process'
import { ensureChromium } from './ensure-chromium'

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

ensureChromium()
run('npx', ['vite', 'build', '--logLevel', 'warn'])
run('npx', ['vitest', 'run', ...process.argv.slice(2)])
