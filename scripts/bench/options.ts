/** The command line of `npm run bench` (scripts/bench.ts) and the sizes it implies. */
import { resolve } from 'node:path'

const argv = process.argv.slice(2)
export const flag = (name: string) => argv.includes(`--${name}`)
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && argv[i + 1] && /^\d+$/.test(argv[i + 1]) ? Number(argv[i + 1]) : fallback
}
const QUICK = flag('quick')
export const MEMBERS = option('members', QUICK ? 20_000 : 200_000)
export const DEEP_PAGE = QUICK ? 50 : 500
/** Rows a page of a list, as the app asks for them. */
export const PAGE = 20
export const DECISIONS = QUICK ? 200 : 1000
export const BATCHES = QUICK ? 2 : 5
// Deep enough for page DEEP_PAGE after the decisions have taken their share of each queue.
export const DEEP = DEEP_PAGE * PAGE + DECISIONS + BATCHES * 200 + 500
export const ROUNDS = option('rounds', QUICK ? 2 : 5)
export const BURST_MS = option('burst-ms', QUICK ? 400 : 1000)
export const SOAK_MIN = flag('soak') ? option('soak', 10) : 0
/**
 * `--only TEXT`: the reads whose name contains TEXT, with the floor (/healthz) — to profile one
 * list at a time with `--profile`.
 */
export const ONLY = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '') : null
export const PROFILE_DIR = argv.includes('--profile') ? resolve(argv[argv.indexOf('--profile') + 1] ?? 'bench-profile') : null
export const CONNECTIONS = 32

export const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)
