import { resolve } from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment key the backend reads. `.env.example` documents each one. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().default('crm'),
  PROCESS_ROLE: z.enum(['api', 'worker', 'all']).default('api'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: booleanFromEnv.default(false),
  CORS_ORIGINS: z.string().default(''),
  DESK_DIST: z.string().optional(),
  SEED_DEMO: booleanFromEnv.default(false),
  ADMIN_EMAIL: z.email().default('admin@consult.local'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  DEFAULT_PHONE_REGION: z.string().length(2).default('MD'),
  TIME_ZONE: z.string().default('Europe/Chisinau'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
});

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string; publicUrl?: string; corsOrigins: string[]; deskDist?: string };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  database: { url?: string; dataDir: string };
  redis: { url: string; queuePrefix: string };
  processRole: 'api' | 'worker' | 'all';
  auth: {
    sessionTtlHours: number;
    cookieSecure: boolean;
    adminEmail: string;
    adminPassword?: string;
    loginMaxFailures: number;
    loginLockMinutes: number;
  };
  seedDemo: boolean;
  locale: { defaultPhoneRegion: string; timeZone: string };
};

export class ConfigurationError extends Error {}

/** Reads and validates the environment once; a wrong value stops the start with the key that is wrong. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigurationError(`Invalid configuration (see .env.example): ${problems}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL,
      corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
      deskDist: e.DESK_DIST ? resolve(e.DESK_DIST) : undefined,
    },
    logLevel: e.LOG_LEVEL,
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR === 'memory://' ? e.DATA_DIR : resolve(e.DATA_DIR) },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    processRole: e.PROCESS_ROLE,
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      cookieSecure: e.COOKIE_SECURE,
      adminEmail: e.ADMIN_EMAIL,
      adminPassword: e.ADMIN_PASSWORD,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    },
    seedDemo: e.SEED_DEMO,
    locale: { defaultPhoneRegion: e.DEFAULT_PHONE_REGION, timeZone: e.TIME_ZONE },
  };
}
