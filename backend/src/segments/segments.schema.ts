import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.js';
import type { SegmentFilter } from './segment-filter.js';

/** A saved, named filter over contacts (campaign audiences, reports, lists). */
export const segments = pgTable(
  'segments',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text(),
    filter: jsonb().$type<SegmentFilter>().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('segments_name_key').on(sql`lower(${t.name})`)],
);

export type SegmentRow = typeof segments.$inferSelect;
