import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the tests so Nest's decorators get their design-time metadata (esbuild does not emit it).
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { conditions: ['source'] },
  // Workspace packages (@consult-crm/*) are imported from their TypeScript sources in tests, also on the server side.
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Each worker keeps its imported modules between test files (every file still boots its own app on its own
    // database): importing Nest and every domain module once per file was more than half of the suite's time
    // (PGlite 623 → 298 s, PostgreSQL 347 → 131 s on 2 cores). A test that mutates module state must restore it.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
