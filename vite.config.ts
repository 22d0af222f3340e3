import { defineConfig } from 'vitest/config'
import { build, type LogLevel, type Plugin, type PluginOption, type UserConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import { fileURLToPath } from 'node:url'
import { precompress } from './scripts/precompress.ts'
import { localFonts } from './scripts/local-fonts.ts'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const outDir = r('./dist/web')

/**
 * The build of one of the two pages. Each is a build of its own (issue #12): with both
 * entries in one build, what the phone and the PC workbench share (Vue, Vant, the api layer)
 * went into common chunks, and the phone's first load was 7 scripts and 4 stylesheets — on a
 * phone network every request past the sixth waits a whole round trip for a free connection
 * (HTTP/1.1). Built alone, the phone's entry is one script and one stylesheet; the workbench
 * repeats the shared code in its own files, which only desktops load.
 */
function page(input: Record<string, string>, extra: PluginOption[]) {
  return {
    root: r('./web'),
    base: '/',
    plugins: [localFonts(), vue(), Components({ resolvers: [VantResolver()], dts: false }), ...extra],
    resolve: { alias: { '@': r('./web'), '@shared': r('./shared') } },
    build: {
      outDir,
      rolldownOptions: {
        input,
        // Everything the page imports statically in one file named after it; without the group
        // Rolldown still cut the modules the lazy screens share with it into chunks of their own.
        output: { codeSplitting: { groups: [{ name: Object.keys(input)[0], tags: ['$initial'] }] } },
        // "plugins ran for N s" says how busy the machine is, not what to fix: not in every log.
        checks: { bundlerTimings: false },
      },
    },
  } satisfies UserConfig
}

/**
 * `vite build` builds the phone's page (web/index.html), then the PC workbench (web/pc/index.html)
 * into the same dist/web, and pre-compresses both once they are written.
 */
function thenBuildWorkbench(): Plugin {
  let logLevel: LogLevel | undefined
  return {
    name: 'tuanwu-pc-workbench',
    apply: 'build',
    configResolved(config) {
      logLevel = config.logLevel
    },
    async closeBundle() {
      const pc = page({ pc: r('./web/pc/index.html') }, [precompress(outDir)])
      await build({ ...pc, configFile: false, logLevel, build: { ...pc.build, emptyOutDir: false } })
    },
  }
}

// One config for the web build and for Vitest. The web app has two pages: the mobile H5 at `/`
// (web/index.html) and the PC workbench at `/pc/` (web/pc/index.html), built one after the
// other (page() says why), so the workbench never weighs on the phone's first load.
const mobile = page({ main: r('./web/index.html') }, [thenBuildWorkbench()])
export default defineConfig({
  ...mobile,
  build: { ...mobile.build, emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' } },
  test: {
    root: r('.'),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          root: r('.'),
          environment: 'node',
          include: ['bff/**/*.test.ts', 'shared/**/*.test.ts', 'scripts/**/*.test.ts'],
          // With TEST_DATABASE_URL: a PostgreSQL database of this run's own, dropped at the end.
          globalSetup: ['bff/test/pg-run-database.ts'],
          // Password hashing (scrypt) makes some tests CPU-bound: room for a busy machine, not a speed rule.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          root: r('.'),
          environment: 'happy-dom',
          include: ['web/**/*.test.ts'],
          // Mounting a page with Vant takes ~1 s alone and 5 s on a loaded 2-core machine: the
          // default 5 s made tests fail for the machine, not the code.
          testTimeout: 20_000,
          // Vant's style modules import plain .css; inlining vant lets Vite handle them.
          server: { deps: { inline: ['vant'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: r('.'),
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
