import { pgTable, serial, timestamp } from 'drizzle-orm/pg-core';

/** One row once the demo data was seeded, so a restart does not seed it again. */
export const demoSeedRuns = pgTable('demo_seed_runs', {
  id: serial().primaryKey(),
  seededAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
