import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// The dashboards bench uses the backend's repository and service classes (decorators), so it runs under vitest + SWC.
export default defineConfig({
  root: fileURLToPath(new URL('../../backend/', import.meta.url)),
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { conditions: ['source'] },
  test: {
    include: ['../bench/reports/*.bench.ts'],
    pool: 'forks',
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
  },
});
