import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { pipelines } from '../pipelines/pipelines.schema.js';
import { departments, users } from '../users/users.schema.js';

export const TEMPLATE_CHANNELS = ['email', 'sms', 'messenger'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
export const TEMPLATE_FORMATS = ['mjml', 'html', 'text'] as const;
export const TEMPLATE_LOCALES = ['ro', 'ru', 'en'] as const;

/**
 * A message template (e-mail, SMS or messenger text) in one language, rendered by @consult-crm/templates. `key` is the
 * purpose (`consultation-follow-up`); several rows may share it with different languages and scopes, and the most
 * specific one for a card is picked. `origin = shipped` rows are the defaults seeded from templates/shipped.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    name: text().notNull(),
    channel: text().$type<TemplateChannel>().notNull(),
    format: text().$type<(typeof TEMPLATE_FORMATS)[number]>().notNull(),
    locale: text().$type<(typeof TEMPLATE_LOCALES)[number]>().notNull(),
    subject: text(),
    body: text().notNull(),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    pipelineId: uuid().references(() => pipelines.id, { onDelete: 'set null' }),
    /** An instrument (service) code of the centre; the template answers cards consulted on it. */
    service: text(),
    active: boolean().notNull().default(true),
    origin: text().$type<'shipped' | 'custom'>().notNull().default('custom'),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_templates_key_idx').on(t.key, t.channel, t.locale),
    uniqueIndex('message_templates_shipped_key')
      .on(t.key, t.channel, t.locale)
      .where(sql`${t.origin} = 'shipped'`),
  ],
);

export type MessageTemplateRow = typeof messageTemplates.$inferSelect;
