#!/usr/bin/env node
// `npm test`: every test of every workspace, against real services — PGlite and a PostgreSQL server, a real
// redis-server, Debian's Chromium. Installs and starts what is missing. Prints one closing "N passed, N failed" line.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './lib/chromium-service.mjs';
import { ensurePostgres } from './lib/postgres-service.mjs';
import { log, run } from './lib/process-tools.mjs';
import { ensureRedis } from './lib/redis-service.mjs';
import { ensureBuilt, ensureDependencies, REPO_ROOT } from './lib/workspace.mjs';

const only = process.argv.slice(2);
const resultsDir = join(REPO_ROOT, '.data', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'consult-crm-test-'));

await ensureDependencies();
await ensureBuilt({ force: process.env.CI === 'true' });
const redisUrl = await ensureRedis({ dataDir: join(scratch, 'redis'), install: true, persistent: false });
const postgres = await ensurePostgres({ dataDir: join(scratch, 'postgres'), install: true });

const suites = [
  { name: 'templates', cwd: 'templates' },
  { name: 'integrations', cwd: 'integrations' },
  { name: 'telephony', cwd: 'telephony' },
  { name: 'backend on PGlite', cwd: 'backend', env: { TEST_DB: 'pglite' } },
  { name: 'backend on PostgreSQL', cwd: 'backend', env: { TEST_DB: 'postgres', TEST_DATABASE_URL: postgres.url } },
  { name: 'agent-desk components', cwd: 'agent-desk' },
  {
    name: 'agent-desk end-to-end (Chromium)',
    cwd: 'agent-desk',
    config: 'vitest.e2e.config.ts',
    needs: ensureChromium,
  },
].filter((s) => !only.length || only.some((o) => s.name.includes(o)));

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];

// One lint setup for every workspace (eslint.config.js); a lint error fails the run like a failing test.
if (!only.length || only.includes('lint')) {
  log('── lint ──');
  const lintCode = await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], {
    cwd: REPO_ROOT,
  });
  totals[lintCode === 0 ? 'passed' : 'failed'] += 1;
  report.push(`lint: ${lintCode === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
}
for (const [index, suite] of suites.entries()) {
  const config = suite.config ?? 'vitest.config.ts';
  if (!existsSync(join(REPO_ROOT, suite.cwd, config))) continue;
  suite.needs?.();
  log(`── ${suite.name} ──`);
  const output = join(resultsDir, `${index}.json`);
  const code = await run(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${output}`,
    ],
    { cwd: join(REPO_ROOT, suite.cwd), env: { ...process.env, REDIS_URL: redisUrl, ...suite.env } },
  );
  const result = existsSync(output) ? JSON.parse(readFileSync(output, 'utf8')) : undefined;
  const counts = {
    passed: result?.numPassedTests ?? 0,
    failed: (result?.numFailedTests ?? 0) + (code !== 0 && !result?.numFailedTests ? 1 : 0),
    skipped: (result?.numPendingTests ?? 0) + (result?.numTodoTests ?? 0),
  };
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  report.push(
    `${suite.name}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`,
  );
}

postgres.stop();
rmSync(scratch, { recursive: true, force: true });
console.log('\n' + report.join('\n'));
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
