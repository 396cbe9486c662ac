#!/usr/bin/env node
// `npm run bench [-- contacts telephony conversations reports]`: runs the benchmarks one after another (never in
// parallel: each would skew the others' numbers) and prints where each wrote its results. Not part of `npm test`.
// Each bench's own options still come from its environment variables (see bench/README.md); here:
//   BENCH_CONTACTS (1000000), BENCH_CONTACTS_REUSE (a database an earlier `--keep` contacts run left),
//   BENCH_DB (postgres) for the contacts and telephony benches.
// Needs a PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis (REDIS_URL).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const db = process.env.BENCH_DB ?? 'postgres';
const contactsArgs = [
  '--contacts',
  process.env.BENCH_CONTACTS ?? '1000000',
  '--db',
  db,
  ...(process.env.BENCH_CONTACTS_REUSE ? ['--reuse', process.env.BENCH_CONTACTS_REUSE] : []),
];

const BENCHES = {
  contacts: {
    command: ['npx', 'tsx', 'bench/contacts/lookup-and-search.bench.ts', ...contactsArgs],
    cwd: ROOT,
    results: `bench/results/contacts-${db}.json`,
  },
  telephony: {
    command: ['npx', 'vitest', 'run', '--config', '../bench/telephony/vitest.config.ts'],
    cwd: join(ROOT, 'backend'),
    env: { BENCH_DB: db },
    results: 'bench/results/screen-pop.json',
  },
  conversations: {
    before: ['npm', 'run', 'build', '-w', '@consult-crm/backend'],
    command: ['node', 'bench/conversations/ingest.bench.mjs'],
    cwd: ROOT,
    results: 'bench/results/ingest.json',
  },
  reports: {
    command: ['npx', 'vitest', 'run', '--config', '../bench/reports/vitest.config.ts'],
    cwd: join(ROOT, 'backend'),
    results: 'bench/results/reports.json',
  },
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (choose from ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const names = chosen.length ? chosen : Object.keys(BENCHES);
const summary = [];
for (const name of names) {
  const bench = BENCHES[name];
  const load = loadavg()[0].toFixed(1);
  console.log(`\n── bench ${name} (load ${load}) ──`);
  const run = (argv, cwd) =>
    spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'inherit', env: { ...process.env, ...bench.env } }).status;
  const file = join(ROOT, bench.results);
  const writtenAt = () => (existsSync(file) ? statSync(file).mtimeMs : 0);
  const before = writtenAt();
  const status = (bench.before ? run(bench.before, ROOT) : 0) || run(bench.command, bench.cwd);
  const fresh = writtenAt() > before;
  summary.push(
    `${name}: exit ${status}, load ${load} → ${loadavg()[0].toFixed(1)}, results ${fresh ? bench.results : 'none written'}`,
  );
}
console.log(`\n${summary.join('\n')}`);
for (const name of names) {
  const file = join(ROOT, BENCHES[name].results);
  if (existsSync(file))
    console.log(`\n${name} (${BENCHES[name].results}):\n${readFileSync(file, 'utf8').slice(0, 3000)}`);
}
