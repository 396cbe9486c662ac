import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { consultationCards } from '../consultations/consultations.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import { channelAccounts, messages } from '../conversations/conversations.schema.js';
import { messageTemplates } from '../message-templates/message-templates.schema.js';
import { segments } from '../segments/segments.schema.js';
import { tasks } from '../tasks/tasks.schema.js';
import { users } from '../users/users.schema.js';

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A mass send of one template to a saved segment through one channel account. The database is the source of truth:
 * recipients are rows, and the `campaign-sends` queue only drives the next batch (`nextTickAt` is the claim).
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    templateId: uuid()
      .notNull()
      .references(() => messageTemplates.id, { onDelete: 'restrict' }),
    segmentId: uuid()
      .notNull()
      .references(() => segments.id, { onDelete: 'restrict' }),
    channelAccountId: uuid()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'restrict' }),
    status: text().$type<CampaignStatus>().notNull().default('draft'),
    /** Messages handed to the outbound queue per minute. */
    ratePerMinute: integer().notNull(),
    /** An e-mail open creates a follow-up task for the recipient's responsible consultant (once per recipient). */
    taskOnOpen: boolean().notNull().default(false),
    trackOpens: boolean().notNull().default(true),
    trackClicks: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp({ withTimezone: true }),
    /** Set once every recipient row of the segment exists. */
    materializedAt: timestamp({ withTimezone: true }),
    /** The next batch may be taken from this moment; a worker claims a tick by moving it forward. */
    nextTickAt: timestamp({ withTimezone: true, precision: 3 }),
    completedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_status_idx').on(t.status)],
);

export const RECIPIENT_STATES = ['pending', 'queued', 'skipped', 'cancelled'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];
/** `unsendable`: the message could not be rendered for this contact (e.g. their card moved to another contact). */
export type SkipReason = 'opted_out' | 'no_address' | 'erased' | 'address_in_use' | 'unsendable';

/**
 * One contact of a campaign: skipped (and why) or the message sent to them, and what they did with it. A tracked
 * one-off template send (from the card) is a row without `campaignId`, with its `templateId` and `taskOnOpen`.
 */
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** null: a one-off template send (tracked like a campaign mail). */
    campaignId: uuid().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** One-off sends: the template sent (the campaign's otherwise). */
    templateId: uuid().references(() => messageTemplates.id, { onDelete: 'set null' }),
    /** One-off sends: the first open creates a follow-up task (campaigns use `campaigns.taskOnOpen`). */
    taskOnOpen: boolean().notNull().default(false),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    cardId: uuid().references(() => consultationCards.id, { onDelete: 'set null' }),
    address: text(),
    state: text().$type<RecipientState>().notNull().default('pending'),
    skipReason: text().$type<SkipReason>(),
    messageId: uuid().references(() => messages.id, { onDelete: 'set null' }),
    /** The http(s) URLs of the rendered e-mail, in order; click links point at an index here (no open redirect). */
    links: jsonb().$type<string[]>().notNull().default([]),
    queuedAt: timestamp({ withTimezone: true, precision: 3 }),
    openedAt: timestamp({ withTimezone: true, precision: 3 }),
    clickedAt: timestamp({ withTimezone: true, precision: 3 }),
    clickCount: integer().notNull().default(0),
    unsubscribedAt: timestamp({ withTimezone: true, precision: 3 }),
    openTaskId: uuid().references(() => tasks.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaign_recipients_contact_key').on(t.campaignId, t.contactId),
    index('campaign_recipients_state_idx').on(t.campaignId, t.state),
    index('campaign_recipients_message_idx').on(t.messageId),
  ],
);

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignRecipientRow = typeof campaignRecipients.$inferSelect;

/** What a recipient's row says, joined with the delivery status of their message. */
export const RECIPIENT_STATUSES = [
  'pending',
  'queued',
  'sent',
  'delivered',
  'failed',
  'skipped',
  'opened',
  'clicked',
  'unsubscribed',
  'cancelled',
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];
