import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import { createCrmApplication } from '../../src/app-factory.js';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import type { Database, DatabaseConnection } from '../../src/database/database-connection.js';
import { createTestDatabase } from './test-database.js';

export const TEST_ADMIN = { email: 'admin@test.local', password: 'admin-password-for-tests' };

export type TestApp = {
  app: NestExpressApplication;
  baseUrl: string;
  db: Database;
  connection: DatabaseConnection;
  config: AppConfig;
  /** fetch against the app: JSON in, parsed JSON (or text) out, never throws on 4xx/5xx. */
  http(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
};

export type TestResponse = { status: number; body: any; headers: Headers };

/** The whole backend on a database of its own and the real Redis, listening on a free port. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: database.dataDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    PROCESS_ROLE: 'all',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...env,
  });
  const logger = pino({ level: config.logLevel });
  const { app, connection } = await createCrmApplication(config, { logger });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const http: TestApp['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (typeof options.body === 'string' || options.body instanceof Uint8Array)
      body = options.body as string | Uint8Array;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body as never });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    app,
    baseUrl,
    db: connection.db,
    connection,
    config,
    http,
    async login(email = TEST_ADMIN.email, password = TEST_ADMIN.password) {
      const response = await http('POST', '/api/auth/login', { body: { email, password } });
      if (response.status !== 200)
        throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
