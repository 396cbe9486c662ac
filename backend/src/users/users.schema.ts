import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from './roles.js';

export const roleEnum = pgEnum('user_role', ROLES);

export const departments = pgTable('departments', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    fullName: text().notNull(),
    passwordHash: text(),
    role: roleEnum().notNull().default('consultant'),
    departmentId: uuid().references(() => departments.id, { onDelete: 'set null' }),
    extraPermissions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** PBX extension that rings on this consultant's desk (screen-pop and routing). */
    phoneExtension: text(),
    phone: text(),
    locale: text().notNull().default('ro'),
    photoUrl: text(),
    signatureHtml: text(),
    active: boolean().notNull().default(true),
    failedLoginCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_phone_extension_key').on(t.phoneExtension),
    index('users_department_idx').on(t.departmentId),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;

/** A role whose rights an administrator changed: it grants exactly these (the code's defaults otherwise). */
export const roleRights = pgTable('role_rights', {
  role: roleEnum().primaryKey(),
  permissions: text().array().notNull(),
  updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
