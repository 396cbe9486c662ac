import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calls } from '../calls/calls.schema.js';

/**
 * A call's recording. The row is written when the PBX reports it (`storedAt` null = still to fetch); the fetch job
 * copies the file into the object store and sets `storageKey`/`storedAt`; retention deletes the file and sets `deletedAt`.
 */
export const callRecordings = pgTable(
  'call_recordings',
  {
    id: uuid().primaryKey().defaultRandom(),
    callId: uuid()
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    pbx: text().notNull(),
    sourceUrl: text(),
    fileName: text(),
    storageKey: text(),
    contentType: text(),
    sizeBytes: bigint({ mode: 'number' }),
    durationSeconds: integer(),
    fetchAttempts: integer().notNull().default(0),
    lastFetchError: text(),
    storedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_recordings_call_key').on(t.callId),
    index('call_recordings_expires_idx').on(t.expiresAt),
    index('call_recordings_unfetched_idx')
      .on(t.createdAt)
      .where(sql`${t.storedAt} is null and ${t.deletedAt} is null`),
  ],
);

export type CallRecordingRow = typeof callRecordings.$inferSelect;
