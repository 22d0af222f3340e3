/**
 * `npm test`: the whole suite on a fresh clone — unit, API, component and browser tests.
 * First the machine setup (scripts/setup-test-env.ts: Chromium and CJK fonts, installed only
 * when missing), then the web app the browser tests are served, then Vitest.
 * PostgreSQL suites run too when TEST_DATABASE_URL is set (docs/CONTRACT.md).
 */
import { spawnSync } from 'node:child_process'
import { setupTestEnv } from './setup-test-env'

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

setupTestEnv()
run('npx', ['vite', 'build', '--logLevel', 'warn'])
run('npx', ['vitest', 'run', ...process.argv.slice(2)])
