import { defineConfig } from 'vitest/config';

/** End-to-end: the real backend (built) serving the built desk, driven by Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
