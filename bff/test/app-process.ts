/**
 * One app process for the multi-process tests (bff/test/multi-process.test.ts, issue #10):
 * the real server (bff/server.ts: migrations, app, background worker) configured from its
 * environment like `npm start`, on a free port, with a manual clock the parent moves over
 * IPC — time matters to leases and re-checks, and no test waits for real time to pass.
 *
 * Messages from the parent: `{ advance: ms }` → `{ advanced: iso }`; `{ stop: true }` closes
 * and exits. To the parent: `{ ready: port }` once listening.
 */
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../config'
import { startServer } from '../server'
import { manualClock } from '../clock'

type Command = { advance: number } | { stop: true }

const clock = manualClock(process.env.TEST_CLOCK_START)
// PORT must name a real port in the configuration; the tests need any free one.
const config = { ...loadConfig(process.env), port: 0 }
const server = await startServer(config, { clock, logger: false, workerPollMs: 100, distDir: '/nonexistent' })

process.on('message', (m: Command) => {
  if ('advance' in m) {
    clock.advance(m.advance)
    server.ctx.wakeWorker?.()
    process.send!({ advanced: clock.now().toISOString() })
  } else {
    void server.close().finally(() => process.exit(0))
  }
})
process.send!({ ready: (server.app.server.address() as AddressInfo).port })
