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
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
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
  TELEPHONY_ADAPTER: z.enum(['asterisk', 'twilio', 'cloud-pbx', 'none']).default('none'),
  TELEPHONY_ROUTE_TOKEN: z.string().optional(),
  AMI_HOST: z.string().default('127.0.0.1'),
  AMI_PORT: z.coerce.number().int().min(1).max(65535).default(5038),
  AMI_USERNAME: z.string().default('crm'),
  AMI_SECRET: z.string().optional(),
  ASTERISK_ORIGINATE_CONTEXT: z.string().default('from-internal'),
  ASTERISK_RECORDINGS_DIR: z.string().default('/var/spool/asterisk/monitor'),
  TWILIO_VOICE_ACCOUNT_SID: z.string().optional(),
  TWILIO_VOICE_AUTH_TOKEN: z.string().optional(),
  TWILIO_VOICE_CALLER_ID: z.string().optional(),
  TWILIO_VOICE_AGENT_ADDRESS: z.string().default('client:{extension}'),
  TWILIO_VOICE_API_URL: z.url().optional(),
  CLOUD_PBX_NAME: z.string().default('cloud-pbx'),
  CLOUD_PBX_SIGNATURE_HEADER: z.string().default('X-Signature'),
  CLOUD_PBX_MAPPING: z.string().optional(),
  CLOUD_PBX_WEBHOOK_SECRET: z.string().optional(),
  CLOUD_PBX_API_URL: z.url().optional(),
  CLOUD_PBX_API_TOKEN: z.string().optional(),
  RECORDINGS_STORE: z.enum(['local', 's3']).default('local'),
  RECORDINGS_RETENTION_DAYS: z.coerce.number().int().positive().default(183),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().default('consult-crm-recordings'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(true),
  SECRETS_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, '32 bytes as 64 hex characters or base64')
    .optional(),
  OUTBOX_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(5_000),
  NEW_REQUESTS_PIPELINE_CODE: z.string().default('ads-landing'),
  VIBER_SMS_FALLBACK_MINUTES: z.coerce.number().positive().default(15),
  LEAD_CORS_ORIGINS: z.string().default(''),
  LEAD_FORM_SECRET: z.string().optional(),
  LEAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  LEAD_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
  WEBCHAT_MAX_UPLOAD_MB: z.coerce.number().positive().default(10),
  EMAIL_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
  MLOG_URL: z.url().optional(),
  MLOG_TOKEN: z.string().optional(),
  MLOG_SIGNING_SECRET: z.string().optional(),
  MLOG_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  MLOG_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(30),
  CENTRE_NAME: z.string().default('Centrul de Consultanță'),
  CENTRE_ADDRESS: z.string().default(''),
  CENTRE_PHONE: z.string().default(''),
  CENTRE_WEBSITE: z.string().default(''),
  CAMPAIGN_DEFAULT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  CAMPAIGN_TICK_MS: z.coerce.number().int().min(50).default(5_000),
  CAMPAIGN_OPEN_TASK_DUE_HOURS: z.coerce.number().positive().default(24),
  SMS_OPT_OUT_REPLY: z.string().optional(),
  SMS_OPT_IN_REPLY: z.string().optional(),
  AUTOMATION_HOUR_MS: z.coerce.number().int().min(1).default(3_600_000),
  TASK_OVERDUE_SCAN_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  AUTOMATION_RUN_LEASE_MS: z.coerce.number().int().min(100).default(600_000),
  NOTIFY_SMTP_HOST: z.string().optional(),
  NOTIFY_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  NOTIFY_SMTP_SECURE: booleanFromEnv.default(false),
  NOTIFY_SMTP_REQUIRE_TLS: booleanFromEnv.default(false),
  NOTIFY_SMTP_IGNORE_TLS: booleanFromEnv.default(false),
  NOTIFY_SMTP_USER: z.string().optional(),
  NOTIFY_SMTP_PASSWORD: z.string().optional(),
  NOTIFY_EMAIL_FROM: z.email().default('crm@consult.local'),
  NOTIFY_EMAIL_FROM_NAME: z.string().default('Consult CRM'),
  NOTIFY_TELEGRAM_BOT_TOKEN: z.string().optional(),
  NOTIFY_TELEGRAM_API_ROOT: z.url().optional(),
  NOTIFY_TELEGRAM_BOT_USERNAME: z
    .string()
    .trim()
    .transform((v) => v.replace(/^@/, ''))
    .pipe(z.string().regex(/^[A-Za-z0-9_]{5,32}$/, 'The bot username as @BotFather shows it, e.g. ConsultCrmBot.'))
    .optional(),
  NOTIFY_TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'Telegram secret tokens are 16-256 characters of A-Z, a-z, 0-9, _ and -.')
    .optional(),
  REPORTS_ROLLUP_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(5),
  REPORTS_ROLLUP_RECENT_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  MAILCHIMP_API_BASE_URL: z.url().optional(),
  MAILCHIMP_SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(100),
  MAILCHIMP_CONCURRENCY: z.coerce.number().int().min(1).max(10).default(5),
  MAILCHIMP_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
});

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string; publicUrl?: string; corsOrigins: string[]; deskDist?: string };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** poolSize: PostgreSQL connections per process (PGlite is always one). */
  database: { url?: string; dataDir: string; poolSize: number };
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
  /** External log service (MLog) the audit trail is forwarded to; off when url is unset. */
  auditForwarding: { url?: string; token?: string; signingSecret?: string; batchSize: number; intervalSeconds: number };
  locale: { defaultPhoneRegion: string; timeZone: string };
  telephony: {
    adapter: 'asterisk' | 'twilio' | 'cloud-pbx' | 'none';
    routeToken?: string;
    ami: { host: string; port: number; username: string; secret?: string; originateContext: string };
    asteriskRecordingsDir: string;
    twilio: { accountSid?: string; authToken?: string; callerId?: string; agentAddress: string; apiUrl?: string };
    cloudPbx: {
      name: string;
      webhookSecret?: string;
      signatureHeader: string;
      mappingJson?: string;
      apiUrl?: string;
      apiToken?: string;
    };
  };
  recordings: {
    store: 'local' | 's3';
    retentionDays: number;
    s3: {
      endpoint?: string;
      region: string;
      bucket: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
    };
  };
  /** Messaging channels, web chat and landing-page leads. */
  messaging: {
    /** AES-256-GCM key for channel secrets; unset: a key generated once in DATA_DIR/secrets.key. */
    secretsKey?: string;
    outboxSweepIntervalMs: number;
    newRequestsPipelineCode: string;
    viberSmsFallbackMinutes: number;
    leadCorsOrigins: string[];
    leadFormSecret?: string;
    leadRateLimitPerMinute: number;
    leadMinFillSeconds: number;
    webchatMaxUploadBytes: number;
    /** How often the worker reads the IMAP mailbox of each e-mail account that has an imap section. */
    emailPollIntervalSeconds: number;
  };
  /** Message templates, one-off template sends and mass campaigns. */
  campaigns: {
    /** Printed in templates as `centre.*`. */
    centre: { name: string; address: string; phone: string; website: string };
    defaultRatePerMinute: number;
    /** How often a running campaign hands its next batch to the outbound queue. */
    tickMs: number;
    /** Due time of the follow-up task an e-mail open creates. */
    openTaskDueHours: number;
    /** Confirmation SMS after a STOP / START keyword; undefined or empty: no reply. */
    smsOptOutReply?: string;
    smsOptInReply?: string;
  };
  /** Automation rules and their timers. */
  automation: {
    /** Length of one "hour" of rule timers (stuck in stage, reminders); only tests and demos shorten it. */
    hourMs: number;
    taskOverdueScanIntervalMs: number;
    /** A run still `running` after this long was cut by a crash (recovered at boot and every half lease). */
    runLeaseMs: number;
  };
  /** Staff notifications by e-mail (SMTP unset: off) and Telegram (bot token unset: off). */
  notifications: {
    smtp?: {
      host: string;
      port: number;
      secure: boolean;
      requireTLS: boolean;
      ignoreTLS: boolean;
      auth?: { user: string; pass: string };
    };
    emailFrom: string;
    emailFromName: string;
    /**
     * The staff bot. `botUsername` builds the `t.me/<bot>?start=<token>` link; `webhookSecret` is the `secret_token`
     * given to setWebhook for `/api/webhooks/staff-telegram` (both needed for the desk's "Connect Telegram").
     */
    telegram?: { botToken: string; apiRoot?: string; botUsername?: string; webhookSecret?: string };
  };
  /** Dashboards: the rollup job's period (0: not scheduled) and how many finished days each run re-aggregates. */
  reports: { rollupIntervalMinutes: number; rollupRecentDays: number };
  /** Mailchimp audience sync: API base URL override (tests, proxies; include /3.0), batch size, parallel requests, schedule (0: manual only). */
  mailchimp: { apiBaseUrl?: string; syncBatchSize: number; concurrency: number; syncIntervalMinutes: number };
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
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      deskDist: e.DESK_DIST ? resolve(e.DESK_DIST) : undefined,
    },
    logLevel: e.LOG_LEVEL,
    database: {
      url: e.DATABASE_URL,
      dataDir: e.DATA_DIR === 'memory://' ? e.DATA_DIR : resolve(e.DATA_DIR),
      poolSize: e.DATABASE_POOL_SIZE,
    },
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
    auditForwarding: {
      url: e.MLOG_URL,
      token: e.MLOG_TOKEN,
      signingSecret: e.MLOG_SIGNING_SECRET,
      batchSize: e.MLOG_BATCH_SIZE,
      intervalSeconds: e.MLOG_INTERVAL_SECONDS,
    },
    locale: { defaultPhoneRegion: e.DEFAULT_PHONE_REGION, timeZone: e.TIME_ZONE },
    telephony: {
      adapter: e.TELEPHONY_ADAPTER,
      routeToken: e.TELEPHONY_ROUTE_TOKEN,
      ami: {
        host: e.AMI_HOST,
        port: e.AMI_PORT,
        username: e.AMI_USERNAME,
        secret: e.AMI_SECRET,
        originateContext: e.ASTERISK_ORIGINATE_CONTEXT,
      },
      asteriskRecordingsDir: resolve(e.ASTERISK_RECORDINGS_DIR),
      twilio: {
        accountSid: e.TWILIO_VOICE_ACCOUNT_SID,
        authToken: e.TWILIO_VOICE_AUTH_TOKEN,
        callerId: e.TWILIO_VOICE_CALLER_ID,
        agentAddress: e.TWILIO_VOICE_AGENT_ADDRESS,
        apiUrl: e.TWILIO_VOICE_API_URL,
      },
      cloudPbx: {
        name: e.CLOUD_PBX_NAME,
        webhookSecret: e.CLOUD_PBX_WEBHOOK_SECRET,
        signatureHeader: e.CLOUD_PBX_SIGNATURE_HEADER,
        mappingJson: e.CLOUD_PBX_MAPPING,
        apiUrl: e.CLOUD_PBX_API_URL,
        apiToken: e.CLOUD_PBX_API_TOKEN,
      },
    },
    recordings: {
      store: e.RECORDINGS_STORE,
      retentionDays: e.RECORDINGS_RETENTION_DAYS,
      s3: {
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        bucket: e.S3_BUCKET,
        accessKeyId: e.S3_ACCESS_KEY_ID,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
      },
    },
    messaging: {
      secretsKey: e.SECRETS_KEY,
      outboxSweepIntervalMs: e.OUTBOX_SWEEP_INTERVAL_MS,
      newRequestsPipelineCode: e.NEW_REQUESTS_PIPELINE_CODE,
      viberSmsFallbackMinutes: e.VIBER_SMS_FALLBACK_MINUTES,
      leadCorsOrigins: e.LEAD_CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      leadFormSecret: e.LEAD_FORM_SECRET,
      leadRateLimitPerMinute: e.LEAD_RATE_LIMIT_PER_MINUTE,
      leadMinFillSeconds: e.LEAD_MIN_FILL_SECONDS,
      webchatMaxUploadBytes: Math.round(e.WEBCHAT_MAX_UPLOAD_MB * 1024 * 1024),
      emailPollIntervalSeconds: e.EMAIL_POLL_INTERVAL_SECONDS,
    },
    campaigns: {
      centre: { name: e.CENTRE_NAME, address: e.CENTRE_ADDRESS, phone: e.CENTRE_PHONE, website: e.CENTRE_WEBSITE },
      defaultRatePerMinute: e.CAMPAIGN_DEFAULT_RATE_PER_MINUTE,
      tickMs: e.CAMPAIGN_TICK_MS,
      openTaskDueHours: e.CAMPAIGN_OPEN_TASK_DUE_HOURS,
      smsOptOutReply: e.SMS_OPT_OUT_REPLY?.trim() || undefined,
      smsOptInReply: e.SMS_OPT_IN_REPLY?.trim() || undefined,
    },
    automation: {
      hourMs: e.AUTOMATION_HOUR_MS,
      taskOverdueScanIntervalMs: e.TASK_OVERDUE_SCAN_INTERVAL_MS,
      runLeaseMs: e.AUTOMATION_RUN_LEASE_MS,
    },
    notifications: {
      smtp: e.NOTIFY_SMTP_HOST
        ? {
            host: e.NOTIFY_SMTP_HOST,
            port: e.NOTIFY_SMTP_PORT,
            secure: e.NOTIFY_SMTP_SECURE,
            requireTLS: e.NOTIFY_SMTP_REQUIRE_TLS,
            ignoreTLS: e.NOTIFY_SMTP_IGNORE_TLS,
            auth: e.NOTIFY_SMTP_USER ? { user: e.NOTIFY_SMTP_USER, pass: e.NOTIFY_SMTP_PASSWORD ?? '' } : undefined,
          }
        : undefined,
      emailFrom: e.NOTIFY_EMAIL_FROM,
      emailFromName: e.NOTIFY_EMAIL_FROM_NAME,
      telegram: e.NOTIFY_TELEGRAM_BOT_TOKEN
        ? {
            botToken: e.NOTIFY_TELEGRAM_BOT_TOKEN,
            apiRoot: e.NOTIFY_TELEGRAM_API_ROOT,
            botUsername: e.NOTIFY_TELEGRAM_BOT_USERNAME,
            webhookSecret: e.NOTIFY_TELEGRAM_WEBHOOK_SECRET,
          }
        : undefined,
    },
    reports: {
      rollupIntervalMinutes: e.REPORTS_ROLLUP_INTERVAL_MINUTES,
      rollupRecentDays: e.REPORTS_ROLLUP_RECENT_DAYS,
    },
    mailchimp: {
      apiBaseUrl: e.MAILCHIMP_API_BASE_URL,
      syncBatchSize: e.MAILCHIMP_SYNC_BATCH_SIZE,
      concurrency: e.MAILCHIMP_CONCURRENCY,
      syncIntervalMinutes: e.MAILCHIMP_SYNC_INTERVAL_MINUTES,
    },
  };
}
