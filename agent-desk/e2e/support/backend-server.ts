import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DESK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(DESK_ROOT, '..');
export const BACKEND_MAIN = join(REPO_ROOT, 'backend', 'dist', 'main.js');
export const DESK_DIST = join(DESK_ROOT, 'dist');
const E2E_RESULTS = join(REPO_ROOT, '.data', 'test-results');

/** `pbxSecret` signs the generic cloud-PBX webhooks (TELEPHONY_ADAPTER=cloud-pbx) the call tests send. */
export type RunningBackend = { url: string; pbxSecret: string; stop: () => Promise<void>; output: () => string };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * The real backend (built: backend/dist/main.js) on a free port, a throw-away PGlite directory, the demo seed,
 * and serving the built desk — exactly what production runs, minus PostgreSQL.
 */
export async function startBackend(): Promise<RunningBackend> {
  if (!existsSync(BACKEND_MAIN))
    throw new Error(
      `The backend is not built (${BACKEND_MAIN} is missing): run npm run build -w @consult-crm/backend.`,
    );
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-data-'));
  const pbxSecret = randomBytes(16).toString('hex');
  let log = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `e2e-${randomBytes(4).toString('hex')}`,
    PROCESS_ROLE: 'all',
    SEED_DEMO: 'true',
    DESK_DIST,
    LOG_LEVEL: 'warn',
    TELEPHONY_ADAPTER: 'cloud-pbx',
    CLOUD_PBX_WEBHOOK_SECRET: pbxSecret,
  };
  delete env.DATABASE_URL; // always the embedded PGlite in DATA_DIR
  const child: ChildProcess = spawn(process.execPath, [BACKEND_MAIN], {
    cwd: join(REPO_ROOT, 'backend'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-200_000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          done(undefined);
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done(undefined);
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
    // What the backend logged (warnings and errors), for a failed run: .data/test-results/e2e-backend.log.
    mkdirSync(E2E_RESULTS, { recursive: true });
    writeFileSync(join(E2E_RESULTS, 'e2e-backend.log'), log);
  };
  // A loaded machine (migrations + demo seed on PGlite) can need longer: DESK_E2E_START_TIMEOUT_MS overrides.
  const startTimeoutMs = Number(process.env.DESK_E2E_START_TIMEOUT_MS) || 120_000;
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The backend exited with code ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, pbxSecret, stop, output: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  await stop();
  throw new Error(`The backend did not answer /api/health within ${startTimeoutMs / 1000} s:\n${log}`);
}
