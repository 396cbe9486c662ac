import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Keys of events that must be published only once (a task overdue for a given due time): a duplicate is skipped. */
export const domainEventKeys = pgTable('domain_event_keys', {
  key: text().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
