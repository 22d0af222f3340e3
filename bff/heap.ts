/**
 * The server process's heap policy (issue #12: RSS ≤ 200 MB, flat under load). Under load V8
 * let the old generation grow to three or four times what survived the last full collection
 * before collecting again: with ~35 MB live, the 10-minute soak's RSS went 150 → 230 MB and
 * back every minute or so. Collecting once it has grown by 20 % keeps it at ~155 MB flat;
 * with that little live data a full collection is a few milliseconds of (mostly concurrent)
 * marking, so requests do not notice (README 性能).
 *
 * Imported first by the server's entry points (scripts/start.ts, scripts/bench/process-server.ts),
 * before anything has grown the heap. V8 reads `--heap-growing-percent` at every collection,
 * so setting it here acts as on the command line, and it travels with the bundle: `npm start`,
 * the bench's BFF and `node dist/server.js` run by hand all get it (NODE_OPTIONS refuses this
 * flag). Tests and the CLI scripts (import, export …) keep V8's default.
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--heap-growing-percent=20')
