/**
 * Bundles the server with esbuild (issue #12): `npm start` runs dist/server.js (scripts/start.ts)
 * and the bench's BFF runs dist/bench-server.js (scripts/bench/process-server.ts), so neither
 * long-running process loads tsx — compiling TypeScript in the process held ~60 MB of its RSS.
 * scripts/serve.js calls this when the bundle is missing or older than a source it was built
 * from (the list is kept in dist/server.meta.json); the bench always does.
 *
 *   npm run build:server        (node --import tsx scripts/build-server.ts)
 *
 * - Every package stays external (`packages: 'external'`): better-sqlite3 and pg load native or
 *   optional code, @fastify/static and pino find files next to their own modules; node_modules
 *   is loaded as it is under tsx.
 * - The bundles sit one folder below the repository, as bff/ and scripts/ do, so the paths the
 *   sources compute from `import.meta.url` ('../dist/web' in bff/server.ts, '..' in
 *   scripts/build-web.ts) point where they did.
 * - Names are kept (Fastify and error messages show them) and a source map is written next to
 *   each bundle: NODE_OPTIONS=--enable-source-maps gives stack traces in the .ts files.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What the bundles are built from, by output name in dist/. */
const ENTRIES = {
  server: 'scripts/start.ts',
  'bench-server': 'scripts/bench/process-server.ts',
}

const META = join(root, 'dist/server.meta.json')

/**
 * Builds both bundles. Each file is written under a temporary name and renamed, so a process
 * starting from a bundle (a second `npm start`, a test) never reads one half-written; the list
 * of sources is written last, so an interrupted build is rebuilt next time.
 */
export async function buildServer(): Promise<void> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: join(root, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  })
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true })
    const temporary = `${file.path}.${process.pid}.tmp`
    writeFileSync(temporary, file.contents)
    renameSync(temporary, file.path)
  }
  // This file's own options are a source too: changing them rebuilds.
  const inputs = [...Object.keys(result.metafile.inputs), relative(root, fileURLToPath(import.meta.url))]
  const temporary = `${META}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify({ inputs }, null, 1))
  renameSync(temporary, META)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log('正在构建服务端（esbuild）…')
  buildServer().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
