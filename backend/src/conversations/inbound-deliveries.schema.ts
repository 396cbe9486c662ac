import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channelAccounts } from './conversations.schema.js';

/** A normalized inbound message as accepted from a webhook (dates as ISO strings, no inline bytes). */
export type AcceptedInboundMessage = {
  channel: string;
  providerMessageId: string;
  providerChatId: string;
  sender: {
    providerUserId?: string;
    name?: string;
    phone?: string;
    email?: string;
    username?: string;
    language?: string;
  };
  subject?: string;
  threadRef?: string;
  text?: string;
  attachments: Record<string, unknown>[];
  sentAt: string;
};

/**
 * Webhook deliveries accepted (signature checked, one idempotent insert committed before the 200) and not yet
 * processed into contacts, conversations and messages. The batch processor deletes a row in the transaction that
 * stores its message; a crash in between leaves it here to be taken again. Unique per account and provider message
 * id, so a provider's retry while the first copy is pending adds nothing.
 */
export const inboundDeliveries = pgTable(
  'inbound_deliveries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    channelAccountId: uuid()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    providerMessageId: text().notNull(),
    providerChatId: text().notNull(),
    message: jsonb().$type<AcceptedInboundMessage>().notNull(),
    canFetchAttachments: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastError: text(),
    acceptedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_deliveries_provider_id_key').on(t.channelAccountId, t.providerMessageId),
    index('inbound_deliveries_due_idx').on(t.nextAttemptAt, t.id),
  ],
);

export type InboundDeliveryRow = typeof inboundDeliveries.$inferSelect;
