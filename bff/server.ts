/**
 * Starts the BFF: opens and migrates the database, builds the app and the background
 * worker, listens, and closes gracefully on SIGINT/SIGTERM (fastify/demo's server.ts).
 */
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import type { Config } from './config'
import { assertDatabaseFits } from './modes/check'
import { openDatabase } from './db/dialect'
import { migrateToLatest } from './db/migrations'
import { createDataCrypto, parseDataKey } from './security/data-crypto'
import { systemClock, type Clock } from './clock'
import type { AppContext } from './context'
import { buildApp } from './app'
import { serverLogOptions } from './logging'
import { registerLogout } from './auth/session-routes'
import { passwordRoutes } from './auth/password-routes'
import { builtInlineScriptHashes, registerStatic } from './plugins/static'
import { createBackground } from './background'
import { localProvider } from './realname/local-provider'
import { httpProvider } from './realname/http-provider'
import { wireWecom } from './wecom/wiring'
import { purgeExpiredSessions } from './sessions/service'
import { sealPersonalData } from './members/seal'

export interface RunningServer {
  app: FastifyInstance
  ctx: AppContext
  url: string
  close(): Promise<void>
}

export interface ServerOptions {
  clock?: Clock
  /** false: no log at all (tests that spawn many servers). */
  logger?: boolean
  /** Where the log goes instead of stdout (bff/security/log-redaction.test.ts). */
  logTo?: DestinationStream
  distDir?: string
  workerPollMs?: number
}

export async function startServer(config: Config, opts: ServerOptions = {}): Promise<RunningServer> {
  const handle = await openDatabase(config.databaseUrl)
  await migrateToLatest(handle.db)
  if (config.production) {
    // docs/CONTRACT.md "Modes": production never serves a demo database.
    await assertDatabaseFits(handle.db, config).catch(async (err) => {
      await handle.close()
      throw err
    })
  }
  const clock = opts.clock ?? systemClock
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    clock,
    crypto: createDataCrypto(parseDataKey(config.dataKey)),
    config,
  }
  await sealPersonalData(handle.db, ctx.crypto)
  // The client's lines say what is misconfigured (wrong secret, IP not trusted …) in Chinese.
  // They go to the server's log like every other line (its level, its destination, redacted
  // as bff/security/log-redaction.test.ts checks); the client calls only once the app exists.
  const wecomLogger = {
    warn: (obj: object, msg: string) => app.log.warn({ wecom: obj }, `[wecom] ${msg}`),
    error: (obj: object, msg: string) => app.log.error({ wecom: obj }, `[wecom] ${msg}`),
  }
  const wecom = config.wecom ? wireWecom(ctx, config.wecom, wecomLogger) : null
  const distDir = opts.distDir ?? fileURLToPath(new URL('../dist/web', import.meta.url))
  // The demo keeps its console for the URL and the accounts; LOG_LEVEL=info shows requests.
  const log = opts.logger === false ? null : serverLogOptions(config.logLevel ?? (config.demo ? 'warn' : 'info'), opts.logTo)
  const app = await buildApp({
    ctx,
    logger: log?.options ?? false,
    wecomPublic: config.wecom ? { corpId: config.wecom.corpId, agentId: config.wecom.agentId } : null,
    trustProxy: config.trustProxy,
    https: config.publicBaseUrl.startsWith('https:'),
    scriptHashes: builtInlineScriptHashes(distDir),
    apiExtend: async (api) => {
      if (wecom) await api.register(wecom.apiRoutes)
    },
    extend: async (root) => {
      registerLogout(root, ctx)
      await root.register(passwordRoutes, { ctx })
      if (wecom) await wecom.register(root)
      await registerStatic(root, distDir)
    },
  })
  const background = createBackground(ctx, {
    provider: config.realname.provider === 'http' ? httpProvider(config.realname.httpUrl!) : localProvider(clock),
    sender: wecom?.sender ?? null,
    pollMs: opts.workerPollMs ?? 1000,
    log: (msg, extra) => app.log.warn(extra ?? {}, msg),
  })
  ctx.wakeWorker = background.worker.wake
  await background.start()
  const purge = setInterval(() => void purgeExpiredSessions(ctx).catch(() => {}), 3_600_000)
  purge.unref()
  await app.listen({ port: config.port, host: config.host })
  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      clearInterval(purge)
      await background.stop()
      await app.close()
      await handle.close()
      log?.flush()
    })())
  return { app, ctx, url: config.publicBaseUrl, close }
}

/** Run as a process: SIGINT/SIGTERM close the server before exiting. */
export function closeOnSignals(server: RunningServer, extra: () => Promise<void> = async () => {}) {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void server
        .close()
        .then(extra)
        .finally(() => process.exit(0))
    })
  }
}
