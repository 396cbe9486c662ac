import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall, fail, freePort, isRoot, log } from './process-tools.mjs';

async function postgresAnswers(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
function runAsPostgres(binary, args) {
  const command = isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  return spawnSync(command[0], command[1], { encoding: 'utf8' });
}

/**
 * The PostgreSQL server the tests use: TEST_DATABASE_URL when set; else one answering on 127.0.0.1:5432 with trust
 * auth; else a throw-away cluster (Debian's postgresql, installed when missing) on a free port. Returns its URL and a stop().
 */
export async function ensurePostgres({ dataDir, install = false }) {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => undefined };
  for (const url of ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/postgres']) {
    if (await postgresAnswers(url)) {
      log(`Using the PostgreSQL server on 127.0.0.1:5432.`);
      return { url, stop: () => undefined };
    }
  }
  let bin = postgresBinDir();
  if (!bin) {
    if (!install)
      fail(
        'A PostgreSQL server is needed for the server-side test run. Install it with: sudo apt-get install -y postgresql',
      );
    aptInstall(['postgresql'], 'PostgreSQL server');
    bin = postgresBinDir() ?? fail('PostgreSQL binaries are still missing after installing them.');
  }
  mkdirSync(dataDir, { recursive: true });
  if (isRoot()) spawnSync('chown', ['-R', 'postgres:postgres', dataDir]);
  chmodSync(dataDir, 0o700);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const init = runAsPostgres(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    if (init.status !== 0) fail(`initdb failed: ${init.stderr}`);
  }
  const port = await freePort();
  const start = runAsPostgres(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-w',
    '-l',
    join(dataDir, 'server.log'),
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dataDir} -c fsync=off -c full_page_writes=off`,
    'start',
  ]);
  if (start.status !== 0) fail(`PostgreSQL did not start: ${start.stderr || start.stdout}`);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(`Started a PostgreSQL test server on port ${port} (${dataDir}).`);
  return { url, stop: () => runAsPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop']) };
}
