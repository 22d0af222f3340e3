/**
 * Real app processes for the multi-process tests (issue #10): each is bff/test/app-process.ts
 * in a child Node process (tsx loader), configured only by the environment it is given, with
 * a manual clock moved over IPC. Its output is kept for the failure message.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href
const ENTRY = join(ROOT, 'bff/test/app-process.ts')

export interface AppProcess {
  name: string
  /** http://127.0.0.1:PORT */
  url: string
  output(): string
  /** Moves this process's clock forward and waits until it has. */
  advance(ms: number): Promise<void>
  /** SIGKILL: no clean-up of any kind, as when a machine dies. */
  kill(): Promise<void>
  /** SIGTERM-like: the server closes, the worker finishes its tick, the process exits. */
  stop(): Promise<void>
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()))
}

function reply<T>(child: ChildProcess, key: string, output: () => string): Promise<T> {
  return new Promise((resolveReply, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (!(key in m)) return
      child.off('exit', onExit)
      child.off('message', onMessage)
      resolveReply(m[key] as T)
    }
    const onExit = (code: number | null) => {
      child.off('message', onMessage)
      reject(new Error(`app process exited (${code}) before answering "${key}":\n${output()}`))
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

export async function startAppProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', TSX],
    env: { PATH: process.env.PATH ?? '', ...env },
    silent: true,
  })
  let log = ''
  child.stdout!.on('data', (c) => (log += c))
  child.stderr!.on('data', (c) => (log += c))
  const output = () => `--- ${name} ---\n${log}`
  const port = await reply<number>(child, 'ready', output)
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    output,
    async advance(ms) {
      const answered = reply<string>(child, 'advanced', output)
      child.send({ advance: ms })
      await answered
    },
    async kill() {
      child.kill('SIGKILL')
      await exited(child)
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.send({ stop: true })
      await exited(child)
    },
  }
}
