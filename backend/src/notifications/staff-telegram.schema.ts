import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.js';

/**
 * The one-time token behind a user's "Connect Telegram" link (`t.me/<bot>?start=<token>`): only its SHA-256 is kept,
 * one per user (a new link replaces the previous), consumed by the bot's `/start <token>` before `expiresAt`.
 */
export const staffTelegramLinkTokens = pgTable('staff_telegram_link_tokens', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text().notNull().unique(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Updates the staff bot's webhook has handled, by Telegram's `update_id`: a retried delivery is a no-op. */
export const staffTelegramUpdates = pgTable(
  'staff_telegram_updates',
  {
    updateId: bigint({ mode: 'number' }).primaryKey(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_telegram_updates_received_idx').on(t.receivedAt)],
);
