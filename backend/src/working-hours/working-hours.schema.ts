import { date, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The centre's weekly opening hours: one row per interval, several per weekday allowed (08:00–12:00, 13:00–17:00).
 * Weekday is ISO (1 = Monday … 7 = Sunday); times are wall-clock "HH:MM" in the time zone of `telephony_settings`.
 */
export const workingHours = pgTable(
  'working_hours',
  {
    id: uuid().primaryKey().defaultRandom(),
    weekday: smallint().notNull(),
    opensAt: text().notNull(),
    closesAt: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('working_hours_weekday_idx').on(t.weekday)],
);

/** Days the centre is closed all day (public holidays, closures). */
export const holidays = pgTable(
  'holidays',
  {
    id: uuid().primaryKey().defaultRandom(),
    day: date({ mode: 'string' }).notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('holidays_day_key').on(t.day)],
);

export type WorkingHoursRow = typeof workingHours.$inferSelect;
export type HolidayRow = typeof holidays.$inferSelect;
