import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../companies/companies.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import { pipelines, pipelineStages } from '../pipelines/pipelines.schema.js';
import { departments, users } from '../users/users.schema.js';

export const CARD_STATUSES = ['active', 'closed'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Campaign tags of a lead from ads and landing pages. */
export type CardUtm = { source?: string; medium?: string; campaign?: string; term?: string; content?: string };

/** One consultation of a beneficiary moving through a pipeline: what they asked, which programmes were discussed. */
export const consultationCards = pgTable(
  'consultation_cards',
  {
    id: uuid().primaryKey().defaultRandom(),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'restrict' }),
    companyId: uuid().references(() => companies.id, { onDelete: 'set null' }),
    pipelineId: uuid()
      .notNull()
      .references(() => pipelines.id, { onDelete: 'restrict' }),
    stageId: uuid()
      .notNull()
      .references(() => pipelineStages.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    responsibleUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    /** Codes of the instruments (programmes) the beneficiary was consulted on. */
    instruments: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    budget: numeric({ precision: 14, scale: 2, mode: 'number' }),
    programApplied: text(),
    fields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: text().$type<CardStatus>().notNull().default('active'),
    closedAt: timestamp({ withTimezone: true }),
    source: text(),
    utm: jsonb().$type<CardUtm>().notNull().default({}),
    stageEnteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Open tasks of this card (subtasks included). Kept by the `tasks_open_task_count_*` triggers on tasks (the
     * `live_counters_triggers` migration), never written by the application; the "active card without an open task" policy reads it.
     */
    openTaskCount: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cards_contact_idx').on(t.contactId),
    index('cards_pipeline_stage_idx').on(t.pipelineId, t.stageId),
    index('cards_department_status_idx').on(t.departmentId, t.status),
    index('cards_responsible_status_idx').on(t.responsibleUserId, t.status),
    // Dashboards: new requests of a period (reports domain, read for the days not yet rolled up).
    index('cards_created_idx').on(t.createdAt),
    // Active cards without an open task (the policy report, the consultant's work blockers and the dashboard).
    index('cards_without_open_task_idx')
      .on(t.responsibleUserId, t.pipelineId, t.stageEnteredAt)
      .where(sql`${t.status} = 'active' and ${t.openTaskCount} = 0`),
  ],
);

/** Every stay of a card in a stage: entered, left (null while it is still there), who moved it. */
export const cardStageHistory = pgTable(
  'card_stage_history',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    cardId: uuid()
      .notNull()
      .references(() => consultationCards.id, { onDelete: 'cascade' }),
    fromStageId: uuid().references(() => pipelineStages.id, { onDelete: 'set null' }),
    toStageId: uuid()
      .notNull()
      .references(() => pipelineStages.id, { onDelete: 'cascade' }),
    enteredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    leftAt: timestamp({ withTimezone: true, precision: 3 }),
    byUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('card_stage_history_card_idx').on(t.cardId, t.enteredAt),
    // Dashboards: stage entries of a period (reports domain).
    index('card_stage_history_entered_idx').on(t.enteredAt),
  ],
);

/** A free-text note on a contact, optionally about one of their cards. */
export const notes = pgTable(
  'notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    cardId: uuid().references(() => consultationCards.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    authorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notes_contact_idx').on(t.contactId), index('notes_card_idx').on(t.cardId)],
);

export type ConsultationCardRow = typeof consultationCards.$inferSelect;
export type CardStageHistoryRow = typeof cardStageHistory.$inferSelect;
export type NoteRow = typeof notes.$inferSelect;
