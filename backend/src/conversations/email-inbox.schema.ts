import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { channelAccounts } from './conversations.schema.js';

/**
 * How far the IMAP poller has read each e-mail account's mailbox: the highest UID ingested under one UIDVALIDITY.
 * A new UIDVALIDITY (the mailbox was rebuilt) restarts from UID 0; Message-ID idempotency keeps that harmless.
 */
export const emailInboxCursors = pgTable('email_inbox_cursors', {
  channelAccountId: uuid()
    .primaryKey()
    .references(() => channelAccounts.id, { onDelete: 'cascade' }),
  uidValidity: text().notNull(),
  lastUid: integer().notNull().default(0),
  lastPolledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** The last round's failure (login refused, server unreachable), cleared by the next good round. */
  lastError: text(),
  messagesIngested: integer().notNull().default(0),
});

export type EmailInboxCursorRow = typeof emailInboxCursors.$inferSelect;
