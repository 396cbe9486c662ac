#!/usr/bin/env node
// `npm start`: the whole product on this machine — API + job workers + agent desk on one port, with demo data.
// Embedded PostgreSQL (PGlite) in .data/ unless DATABASE_URL is set; a Redis it finds or starts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureRedis } from './lib/redis-service.mjs';
import { log, track } from './lib/process-tools.mjs';
import { ensureBuilt, ensureDependencies, REPO_ROOT } from './lib/workspace.mjs';

const dataDir = join(REPO_ROOT, process.env.DATA_DIR ?? '.data');
await ensureDependencies();
await ensureBuilt();
const redisUrl = await ensureRedis({ dataDir: join(dataDir, 'redis') });
const port = process.env.PORT ?? '3000';

const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'production',
  PORT: port,
  DATA_DIR: dataDir,
  REDIS_URL: redisUrl,
  DESK_DIST: join(REPO_ROOT, 'agent-desk', 'dist'),
  SEED_DEMO: process.env.SEED_DEMO ?? 'true',
  TZ: process.env.TZ ?? 'Europe/Chisinau',
};

function startProcess(name, script, extraEnv) {
  const child = track(
    spawn(process.execPath, [join(REPO_ROOT, 'backend', 'dist', script)], {
      stdio: 'inherit',
      env: { ...env, ...extraEnv },
    }),
  );
  child.on('exit', (code) => {
    log(`${name} stopped (exit ${code}).`);
    process.exit(code ?? 1);
  });
}

// PGlite is in-process and single-writer: API and workers share one process. With a PostgreSQL server they scale apart.
if (env.DATABASE_URL) {
  startProcess('API', 'main.js', { PROCESS_ROLE: 'api' });
  startProcess('worker', 'worker.js', { PROCESS_ROLE: 'worker' });
} else {
  startProcess('API + worker', 'main.js', { PROCESS_ROLE: 'all' });
}

log(`Consult CRM is starting on http://localhost:${port}  (API docs: /api/docs)`);
if (env.SEED_DEMO === 'true')
  log(
    'Demo sign-in: admin@consult.local, supervisor@consult.local or ana.popescu@consult.local — password demo-password-2026',
  );
