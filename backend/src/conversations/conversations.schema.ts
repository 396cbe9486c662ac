import { sql } from 'drizzle-orm';
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
import { consultationCards } from '../consultations/consultations.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import { departments, users } from '../users/users.schema.js';

/** Provider config with its secret values encrypted (AES-256-GCM, SECRETS_KEY): `{ v: 1, iv, tag, data }`. */
export type EncryptedConfig = { v: 1; iv: string; tag: string; data: string };

/**
 * One connected messaging account (a Telegram bot, a Twilio number, a Facebook page, a Viber bot, the web chat).
 * Webhooks arrive at /api/webhooks/:channel/:webhookToken; the token is unguessable and identifies the account.
 */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Which adapter (`telegram`, `twilio`, `meta`, `viber`, `viber-business`, `webchat`…). */
    provider: text().notNull(),
    /** What the customer sees (`telegram`, `sms`, `whatsapp`, `messenger`, `instagram`, `viber`, `webchat`…). */
    channel: text().notNull(),
    name: text().notNull(),
    config: jsonb().$type<EncryptedConfig>().notNull(),
    webhookToken: text().notNull(),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    defaultResponsibleUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Inbound messages from a contact without an open card start a card in the new-requests pipeline. */
    createCardForNewContacts: boolean().notNull().default(true),
    /** Messages per second the provider accepts from this account (outbound token bucket). */
    ratePerSecond: integer().notNull().default(20),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('channel_accounts_webhook_token_key').on(t.webhookToken),
    index('channel_accounts_channel_idx').on(t.channel),
  ],
);

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** A thread with one contact on one channel account; at most one open per (account, chat). */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: text().notNull(),
    channelAccountId: uuid()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'restrict' }),
    providerChatId: text().notNull(),
    status: text().$type<ConversationStatus>().notNull().default('open'),
    assigneeUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    cardId: uuid().references(() => consultationCards.id, { onDelete: 'set null' }),
    lastMessageAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastMessagePreview: text(),
    unreadCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('conversations_open_chat_key')
      .on(t.channelAccountId, t.providerChatId)
      .where(sql`${t.status} = 'open'`),
    index('conversations_inbox_idx').on(t.lastMessageAt, t.id),
    index('conversations_assignee_idx').on(t.assigneeUserId, t.lastMessageAt),
    index('conversations_contact_idx').on(t.contactId),
    index('conversations_card_idx').on(t.cardId),
    // Dashboards: conversations started in a period (reports domain).
    index('conversations_created_idx').on(t.createdAt),
  ],
);

export const MESSAGE_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** An attachment as stored with its message; `storageKey` is set once the bytes are in the attachment store. */
export type StoredAttachment = {
  kind: string;
  mimeType?: string;
  fileName?: string;
  sizeBytes?: number;
  durationSeconds?: number;
  providerFileId?: string;
  url?: string;
  latitude?: number;
  longitude?: number;
  storageKey?: string;
  fetchError?: string;
};

export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelAccountId: uuid()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'restrict' }),
    direction: text().$type<'in' | 'out'>().notNull(),
    providerMessageId: text(),
    /** E-mail: the subject line (inbound as received; outbound as sent). */
    subject: text(),
    /** E-mail, inbound: root of the Message-ID chain (References[0] or In-Reply-To), used to thread replies. */
    threadRef: text(),
    text: text(),
    /** E-mail only: HTML part and extra headers (List-Unsubscribe) of an outbound message. */
    html: text(),
    headers: jsonb().$type<Record<string, string>>(),
    attachments: jsonb().$type<StoredAttachment[]>().notNull().default([]),
    status: text().$type<MessageStatus>().notNull(),
    sentByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    error: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true, precision: 3 }),
    deliveredAt: timestamp({ withTimezone: true, precision: 3 }),
    readAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('messages_provider_id_key').on(t.channelAccountId, t.providerMessageId),
    index('messages_conversation_idx').on(t.conversationId, t.createdAt, t.id),
    /** The few failed messages: campaign results count bounces against it instead of joining every message. */
    index('messages_failed_idx')
      .on(t.id)
      .where(sql`${t.status} = 'failed'`),
  ],
);

/**
 * Transactional outbox: work that must happen after a commit (send a message, fetch an attachment, check a
 * delivery) is written with the change and moved to BullMQ by the dispatcher; the sweeper retries what is not done.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    enqueuedAt: timestamp({ withTimezone: true, precision: 3 }),
    lastError: text(),
    doneAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.doneAt} is null`),
  ],
);

export type ChannelAccountRow = typeof channelAccounts.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
