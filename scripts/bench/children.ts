/** Starting and stopping the bench's server processes (the BFF and the bare floor). */
import { fork, type ChildProcess } from 'node:child_process'
import { freePort } from '../free-port'
import { fileURLToPath } from 'node:url'
import type { Target } from './load'

export interface Child extends Target {
  process: ChildProcess
  stop(): Promise<void>
}

/**
 * Forks `script` (relative to this file) with `env` and waits for its `{ready}` message. A .ts
 * file runs under tsx; a built .js bundle (the BFF, scripts/build-server.ts) as production runs it.
 */
export async function startChild(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
  const port = await freePort()
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    env: { ...process.env, ...env, PORT: String(port) },
    execArgv: [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), ...execArgv],
    // The app's request log goes nowhere: it is written (its cost counts), not kept.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it listened`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    process: child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
