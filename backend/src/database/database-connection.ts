import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type DatabaseSchema = typeof schema;
/** One type for both drivers: every repository is written against plain PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, DatabaseSchema>;
/** A transaction or the database itself: repositories accept either so services decide the unit of work. */
export type DatabaseExecutor = Pick<
  Database,
  'select' | 'insert' | 'update' | 'delete' | 'execute' | 'query' | 'transaction' | '$with' | 'with'
>;

export type DatabaseConnection = {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
};

/** backend/drizzle, from both src/database and dist/database. */
export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

const MIGRATION_LOCK_KEY = 7_301_905_001;

/**
 * With a `url` the app talks to a PostgreSQL server; without one it runs embedded PGlite persisted in `dataDir`
 * (`memory://` keeps it in memory, for tests).
 */
export async function openDatabase(options: {
  url?: string;
  dataDir: string;
  poolSize?: number;
}): Promise<DatabaseConnection> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing the process
    const db = drizzleNodePostgres({ client: pool, schema, casing: 'snake_case' }) as unknown as Database;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const dataDir = options.dataDir === 'memory://' ? undefined : join(options.dataDir, 'pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Applies the committed drizzle-kit migrations; several nodes starting at once take turns. */
export async function applyMigrations(connection: DatabaseConnection): Promise<void> {
  if (connection.kind === 'pglite') {
    await migratePglite(connection.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  await connection.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await migrateNodePostgres(tx as never, { migrationsFolder: MIGRATIONS_FOLDER });
  });
}
