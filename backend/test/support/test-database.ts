import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of its own for one test file: `memory://` PGlite, or a new database on the PostgreSQL server. */
export async function createTestDatabase(): Promise<{ url?: string; dataDir: string; drop(): Promise<void> }> {
  if (process.env.TEST_DB !== 'postgres') return { dataDir: 'memory://', drop: async () => undefined };
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: 'memory://',
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
