import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consultationCards } from '../consultations/consultations.schema.js';
import { users } from '../users/users.schema.js';

/**
 * A document uploaded to a consultation card (an application form, a signed contract, a business plan), usually as
 * the value of one of the card's `file` fields. The bytes live in the object store under `storageKey`.
 */
export const cardFiles = pgTable(
  'card_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    cardId: uuid()
      .notNull()
      .references(() => consultationCards.id, { onDelete: 'cascade' }),
    /** The file field it was uploaded for, if any (informative: the field's value is what links it). */
    fieldKey: text(),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    storageKey: text().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('card_files_card_idx').on(t.cardId, t.createdAt)],
);

export type CardFileRow = typeof cardFiles.$inferSelect;
