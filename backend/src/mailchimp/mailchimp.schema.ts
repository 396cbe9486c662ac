import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/contacts.schema.js';
import type { EncryptedConfig } from '../conversations/conversations.schema.js';

/**
 * A connected Mailchimp audience (list). The API key is sealed with SECRETS_KEY like channel-account secrets
 * (`credentials` = SecretBox.seal({ apiKey })); it is never returned by the API.
 */
export const mailchimpAudiences = pgTable(
  'mailchimp_audiences',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    listId: text().notNull(),
    serverPrefix: text().notNull(),
    credentials: jsonb().$type<EncryptedConfig>().notNull(),
    /** Contacts of these segments are synced, each tagged `segment:<name>`; empty: every contact with an e-mail. */
    segmentIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** A card entering one of these stages subscribes its contact (with e-mail consent). */
    autoSubscribeStageIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    tagStages: boolean().notNull().default(true),
    tagInstruments: boolean().notNull().default(true),
    active: boolean().notNull().default(true),
    lastSyncAt: timestamp({ withTimezone: true }),
    lastSyncSummary: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mailchimp_audiences_list_key').on(t.listId)],
);

/**
 * What was last sent to Mailchimp for one contact: the incremental sync sends a contact again only when the hash of
 * its e-mail, merge fields, tags and status changes. `tags` are the CRM-managed tags, so dropped ones are removed.
 */
export const mailchimpMembers = pgTable(
  'mailchimp_members',
  {
    audienceId: uuid()
      .notNull()
      .references(() => mailchimpAudiences.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    subscriberHash: text().notNull(),
    /** subscribed | unsubscribed | pending | cleaned (as Mailchimp reported it) | skipped (never sent: no consent). */
    status: text().notNull(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    contentHash: text(),
    /** Why the contact is in the audience beyond the segments: `stage` (auto-subscribe), `card` (added by hand). */
    pinnedBy: text(),
    syncedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.audienceId, t.contactId] }), index('mailchimp_members_contact_idx').on(t.contactId)],
);

/** A sent campaign's report (GET /reports), pulled by the sync for the dashboards' campaign results. */
export const mailchimpCampaignReports = pgTable(
  'mailchimp_campaign_reports',
  {
    audienceId: uuid()
      .notNull()
      .references(() => mailchimpAudiences.id, { onDelete: 'cascade' }),
    campaignId: text().notNull(),
    title: text().notNull(),
    subjectLine: text(),
    sendTime: timestamp({ withTimezone: true }),
    emailsSent: integer().notNull().default(0),
    opensTotal: integer().notNull().default(0),
    uniqueOpens: integer().notNull().default(0),
    openRate: doublePrecision().notNull().default(0),
    clicksTotal: integer().notNull().default(0),
    uniqueClicks: integer().notNull().default(0),
    clickRate: doublePrecision().notNull().default(0),
    unsubscribed: integer().notNull().default(0),
    hardBounces: integer().notNull().default(0),
    softBounces: integer().notNull().default(0),
    syncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.audienceId, t.campaignId] }),
    index('mailchimp_campaign_reports_send_idx').on(t.sendTime),
  ],
);

export type MailchimpAudienceRow = typeof mailchimpAudiences.$inferSelect;
export type MailchimpMemberRow = typeof mailchimpMembers.$inferSelect;
export type MailchimpCampaignReportRow = typeof mailchimpCampaignReports.$inferSelect;
