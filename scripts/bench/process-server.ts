/**
 * The BFF of `npm run bench`, in a process of its own (issue #12: the load client must not
 * share the app's CPU or memory): the real server (bff/server.ts) with the environment the
 * bench gives it; tells its parent over IPC when it listens.
 */
import '../../bff/heap'
import { loadConfig } from '../../bff/config'
import { startServer, closeOnSignals } from '../../bff/server'

const server = await startServer(loadConfig(process.env), { distDir: process.env.BENCH_DIST_DIR })
closeOnSignals(server)
process.send?.({ ready: true })
