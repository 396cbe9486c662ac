import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments } from '../users/users.schema.js';

/** A label in the three interface languages. */
export type LocalizedLabel = { ro: string; ru?: string; en?: string };

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A sales-like funnel of consultation cards (new requests from ads, cold-call base, referrals from other departments). */
export const pipelines = pgTable('pipelines', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
  order: integer().notNull().default(0),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One column of a pipeline; `won`/`lost` stages close the card. */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    id: uuid().primaryKey().defaultRandom(),
    pipelineId: uuid()
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    order: integer().notNull().default(0),
    color: text().notNull().default('#64748b'),
    kind: text().$type<StageKind>().notNull().default('open'),
    /** A card sitting here longer than this gets a reminder (null: never stale). */
    staleAfterHours: integer(),
    /** Field keys (field definitions or built-ins such as `budget`, `instruments`) a card must have to enter this stage. */
    requiredFieldKeys: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pipeline_stages_pipeline_idx').on(t.pipelineId, t.order)],
);

/** The centre's support programmes a consultant ticks as "consulted on" (PARE 1+1, Start pentru Tineri…). */
export const instruments = pgTable('instruments', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: jsonb().$type<LocalizedLabel>().notNull(),
  active: boolean().notNull().default(true),
  order: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const FIELD_TYPES = [
  'text',
  'number',
  'money',
  'date',
  'select',
  'multi_select',
  'checkbox_list',
  'phone',
  'email',
  'url',
  'file',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type FieldOption = { value: string; label: LocalizedLabel };

/** A named block of custom fields on the card form ("Date despre afacere", "Finanțare"…). */
export const fieldGroups = pgTable('field_groups', {
  id: uuid().primaryKey().defaultRandom(),
  name: jsonb().$type<LocalizedLabel>().notNull(),
  order: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A custom field of consultation cards; values live in `consultation_cards.fields[key]`. */
export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    label: jsonb().$type<LocalizedLabel>().notNull(),
    type: text().$type<FieldType>().notNull(),
    options: jsonb().$type<FieldOption[]>().notNull().default([]),
    groupId: uuid().references(() => fieldGroups.id, { onDelete: 'set null' }),
    order: integer().notNull().default(0),
    /** Empty: the field applies to every pipeline. */
    pipelineIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('field_definitions_key').on(t.key)],
);

export type PipelineRow = typeof pipelines.$inferSelect;
export type PipelineStageRow = typeof pipelineStages.$inferSelect;
export type InstrumentRow = typeof instruments.$inferSelect;
export type FieldGroupRow = typeof fieldGroups.$inferSelect;
export type FieldDefinitionRow = typeof fieldDefinitions.$inferSelect;
