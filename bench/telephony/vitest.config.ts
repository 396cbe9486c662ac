import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// The screen-pop bench boots the whole Nest backend, so it runs under vitest + SWC (decorator metadata), like the tests.
export default defineConfig({
  root: fileURLToPath(new URL('../../backend/', import.meta.url)),
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { conditions: ['source'] },
  test: {
    include: ['../bench/telephony/*.bench.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
