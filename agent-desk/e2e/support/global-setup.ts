import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium';
import { DESK_DIST, DESK_ROOT, startBackend } from './backend-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    pbxSecret: string;
  }
}

/** Builds the desk if needed, ensures Chromium, starts the real backend serving it; stops it after the run. */
export default async function setup(project: TestProject) {
  ensureChromium();
  if (!existsSync(join(DESK_DIST, 'index.html')) || process.env.DESK_E2E_REBUILD === 'true') {
    execFileSync('npm', ['run', 'build'], { cwd: DESK_ROOT, stdio: 'inherit' });
  }
  const backend = await startBackend();
  project.provide('baseUrl', backend.url);
  project.provide('pbxSecret', backend.pbxSecret);
  return async () => {
    await backend.stop();
  };
}
