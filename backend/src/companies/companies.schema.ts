import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const companySizeEnum = pgEnum('company_size', COMPANY_SIZES);

/** An enterprise (SME) the centre's beneficiaries own or work for; IDNO is Moldova's 13-digit fiscal code. */
export const companies = pgTable(
  'companies',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    idno: text(),
    size: companySizeEnum(),
    sector: text(),
    locality: text(),
    address: text(),
    website: text(),
    customFields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    departmentId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('companies_idno_key').on(t.idno),
    index('companies_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export type CompanyRow = typeof companies.$inferSelect;
