import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, log, run } from './process-tools.mjs';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Installs the locked dependencies on a fresh clone (or after package-lock.json changed). */
export async function ensureDependencies() {
  const lock = join(REPO_ROOT, 'package-lock.json');
  const installed = join(REPO_ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('Installing dependencies (npm ci)…');
  if ((await run(npm, ['ci', '--no-audit', '--no-fund'], { cwd: REPO_ROOT })) !== 0)
    fail('npm ci failed; see the output above.');
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds every workspace when a build output is missing or older than its sources. */
export async function ensureBuilt({ force = false } = {}) {
  const outputs = [
    ['backend', 'backend/dist/main.js'],
    ['agent-desk', 'agent-desk/dist/index.html'],
    ['templates', 'templates/dist/index.js'],
    ['integrations', 'integrations/dist/index.js'],
    ['telephony', 'telephony/dist/index.js'],
  ];
  const stale = outputs.filter(([dir, output]) => {
    const out = join(REPO_ROOT, output);
    return !existsSync(out) || newestMtime(join(REPO_ROOT, dir)) > statSync(out).mtimeMs;
  });
  if (!force && !stale.length) return;
  log(`Building ${force ? 'all workspaces' : stale.map(([d]) => d).join(', ')}…`);
  if ((await run(npm, ['run', 'build'], { cwd: REPO_ROOT })) !== 0) fail('The build failed; see the output above.');
}
