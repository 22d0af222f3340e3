import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import { fileURLToPath } from 'node:url'
import { precompress } from './scripts/precompress.ts'
import { localFonts } from './scripts/local-fonts.ts'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// One config for the web build and for Vitest. The web app has two entries: the mobile H5
// at `/` (web/index.html) and the PC workbench at `/pc/` (web/pc/index.html), so the
// workbench never weighs on the phone's first load.
export default defineConfig({
  root: r('./web'),
  base: '/',
  plugins: [localFonts(), vue(), Components({ resolvers: [VantResolver()], dts: false }), precompress(r('./dist/web'))],
  resolve: { alias: { '@': r('./web'), '@shared': r('./shared') } },
  build: {
    outDir: r('./dist/web'),
    emptyOutDir: true,
    rolldownOptions: {
      input: { main: r('./web/index.html'), pc: r('./web/pc/index.html') },
      // "plugins ran for N s" says how busy the machine is, not what to fix: not in every log.
      checks: { bundlerTimings: false },
    },
  },
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
