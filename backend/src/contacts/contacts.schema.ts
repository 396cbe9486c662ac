import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../companies/companies.schema.js';
import { departments, users } from '../users/users.schema.js';

export type ContactConsent = {
  sms?: boolean;
  email?: boolean;
  messengers?: boolean;
  marketing?: boolean;
  /** When and how consent was last given or withdrawn (GDPR evidence). */
  updatedAt?: string;
  source?: string;
};

/** A beneficiary: every caller, writer or lead. Keyed by phone through contact_phones (E.164, unique). */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    firstName: text(),
    lastName: text(),
    /** What lists and screen-pops show: "First Last", or the phone/handle when the name is unknown. */
    displayName: text().notNull(),
    email: text(),
    locality: text(),
    district: text(),
    activityType: text(),
    language: text().notNull().default('ro'),
    companyId: uuid().references(() => companies.id, { onDelete: 'set null' }),
    responsibleUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    consent: jsonb().$type<ContactConsent>().notNull().default({}),
    customFields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Where the contact first came from: call, telegram, landing, import, manual… */
    source: text(),
    notes: text(),
    /** Set when a contact was merged into another; the survivor keeps everything. */
    mergedIntoId: uuid(),
    /** GDPR erasure: personal fields are blanked and this is set. */
    erasedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The words of the name (contactNameWordsOf): fuzzy search finds dictionary words first, then contacts by word.
    index('contacts_name_words_idx').using('gin', sql`string_to_array(lower(${t.displayName}), ' ')`),
    index('contacts_email_lower_idx').on(sql`lower(${t.email})`),
    index('contacts_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
    index('contacts_company_idx').on(t.companyId),
    index('contacts_responsible_idx').on(t.responsibleUserId),
    index('contacts_department_idx').on(t.departmentId),
    index('contacts_tags_idx').using('gin', t.tags),
  ],
);

/** Phone numbers in E.164; a number belongs to exactly one contact, so lookup by caller id is one index hit. */
export const contactPhones = pgTable(
  'contact_phones',
  {
    id: uuid().primaryKey().defaultRandom(),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    e164: text().notNull(),
    label: text(),
    isPrimary: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contact_phones_e164_key').on(t.e164),
    index('contact_phones_contact_idx').on(t.contactId),
    index('contact_phones_e164_trgm_idx').using('gin', sql`${t.e164} gin_trgm_ops`),
  ],
);

/** A contact's identity on a messaging channel (Telegram user id, Viber id, PSID…): how inbound messages find them. */
export const contactChannelIdentities = pgTable(
  'contact_channel_identities',
  {
    id: uuid().primaryKey().defaultRandom(),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: text().notNull(),
    providerUserId: text().notNull(),
    username: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contact_channel_identities_key').on(t.channel, t.providerUserId),
    index('contact_channel_identities_contact_idx').on(t.contactId),
  ],
);

/**
 * Every word that occurs in a contact's display name, lowercased: a few thousand rows for a million contacts. A fuzzy
 * name search matches its words here (trigram index, typos allowed) and then finds contacts holding those exact words
 * (contacts_name_words_idx), so its cost follows the few matching words, not the million names. Filled by the
 * contacts_name_words_* triggers (the contact_name_words_triggers migration) on every insert and display-name change; words are never removed (a
 * word nobody has any more costs one empty index probe).
 */
export const contactNameWords = pgTable('contact_name_words', { word: text().primaryKey() }, (t) => [
  index('contact_name_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

export type ContactRow = typeof contacts.$inferSelect;
export type ContactPhoneRow = typeof contactPhones.$inferSelect;
