import { sql } from 'drizzle-orm';
import { index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/contacts.schema.js';
import { users } from '../users/users.schema.js';

export const CALL_STATUSES = [
  'ringing',
  'in-progress',
  'answered',
  'missed',
  'abandoned',
  'voicemail',
  'busy',
  'failed',
  'transferred',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
/** Statuses of an inbound call nobody talked to: these need a call back. */
export const UNANSWERED_STATUSES: readonly CallStatus[] = ['missed', 'abandoned', 'voicemail', 'busy', 'failed'];
export const FINAL_STATUSES: readonly CallStatus[] = [
  'answered',
  'missed',
  'abandoned',
  'voicemail',
  'busy',
  'failed',
  'transferred',
];

/** One phone call as the PBX reported it; (pbx, providerCallId) is unique, so a replayed event finds its call. */
export const calls = pgTable(
  'calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    pbx: text().notNull(),
    providerCallId: text().notNull(),
    direction: text().$type<'inbound' | 'outbound' | 'internal'>().notNull(),
    /** Caller id exactly as the PBX gave it, and normalised (null when it is not a phone number, e.g. an extension). */
    fromNumber: text().notNull(),
    fromE164: text(),
    did: text(),
    /** Number dialled by an agent (outbound). */
    toNumber: text(),
    /** The outside party in E.164 (caller of an inbound call, callee of an outbound one): how calls of one person are found. */
    externalE164: text(),
    contactId: uuid().references(() => contacts.id, { onDelete: 'set null' }),
    answeredByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    ringingUserIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    queue: text(),
    status: text().$type<CallStatus>().notNull().default('ringing'),
    startedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    answeredAt: timestamp({ withTimezone: true, precision: 3 }),
    endedAt: timestamp({ withTimezone: true, precision: 3 }),
    waitSeconds: integer(),
    talkSeconds: integer(),
    /** The CallbackTask (tasks domain) this unanswered call created or joined. */
    callbackTaskId: uuid(),
    calledBackAt: timestamp({ withTimezone: true }),
    calledBackByCallId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calls_provider_call_key').on(t.pbx, t.providerCallId),
    index('calls_started_idx').on(t.startedAt),
    index('calls_external_started_idx').on(t.externalE164, t.startedAt),
    index('calls_contact_started_idx').on(t.contactId, t.startedAt),
    index('calls_answered_by_started_idx').on(t.answeredByUserId, t.startedAt),
    index('calls_status_started_idx').on(t.status, t.startedAt),
    index('calls_callback_task_idx').on(t.callbackTaskId),
  ],
);

export const CALLBACK_ASSIGNMENT_MODES = ['last_consultant', 'round_robin'] as const;
export type CallbackAssignmentMode = (typeof CALLBACK_ASSIGNMENT_MODES)[number];

/** One row (id = 1): how calls are routed and how unanswered calls become call-back tasks. */
export const telephonySettings = pgTable('telephony_settings', {
  id: smallint().primaryKey().default(1),
  /** A caller is routed to the consultant who handled them within this many days. */
  routeWindowDays: integer().notNull().default(90),
  fallbackQueue: text().notNull().default('support'),
  callbackAssignmentMode: text().$type<CallbackAssignmentMode>().notNull().default('last_consultant'),
  /** A call missed during opening hours is due to be called back within this many minutes. */
  callbackDueMinutes: integer().notNull().default(15),
  timeZone: text().notNull().default('Europe/Chisinau'),
  /** Round-robin cursor: the consultant who got the last call-back task. */
  lastAssignedUserId: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type CallRow = typeof calls.$inferSelect;
export type TelephonySettingsRow = typeof telephonySettings.$inferSelect;
