import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  // Tests import the package by name (@consult-crm/telephony) as the backend does; resolve it to the TypeScript sources.
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 20_000 },
});
