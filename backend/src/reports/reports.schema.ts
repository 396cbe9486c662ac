import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Rollup tables of the dashboards: one row per local day (TIME_ZONE) and dimension combination, re-aggregated from
 * the raw tables by the `reports-rollup` job (see reports-rollup.service.ts). Dimensions are nullable (a call nobody
 * answered, a card without a responsible); rows are replaced per day, so there is no unique key.
 */
export const reportCallsDaily = pgTable(
  'report_calls_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    /** Who answered, or for an unanswered call the first consultant it rang. */
    consultantId: uuid(),
    incoming: integer().notNull(),
    answered: integer().notNull(),
    missed: integer().notNull(),
    missedNotCalledBack: integer().notNull(),
    outgoing: integer().notNull(),
    waitSecondsSum: integer().notNull(),
    waitCount: integer().notNull(),
    talkSecondsSum: integer().notNull(),
    talkCount: integer().notNull(),
  },
  (t) => [index('report_calls_daily_day_idx').on(t.day, t.consultantId)],
);

/** New consultation cards (requests) by source channel and UTM source. */
export const reportRequestsDaily = pgTable(
  'report_requests_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    consultantId: uuid(),
    pipelineId: uuid(),
    channel: text().notNull(),
    utmSource: text().notNull(),
    cards: integer().notNull(),
  },
  (t) => [index('report_requests_daily_day_idx').on(t.day, t.consultantId)],
);

/** New conversations (first message of a thread) by channel. */
export const reportConversationsDaily = pgTable(
  'report_conversations_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    consultantId: uuid(),
    channel: text().notNull(),
    conversations: integer().notNull(),
  },
  (t) => [index('report_conversations_daily_day_idx').on(t.day, t.consultantId)],
);

/** Cards entering a stage (from card_stage_history): the base of stage-to-stage conversion. */
export const reportStageEntriesDaily = pgTable(
  'report_stage_entries_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    consultantId: uuid(),
    pipelineId: uuid().notNull(),
    stageId: uuid().notNull(),
    entries: integer().notNull(),
  },
  (t) => [index('report_stage_entries_daily_day_idx').on(t.day, t.pipelineId)],
);

/** Per rollup table: every local day before `completeBefore` is in the table; later days are read from raw rows. */
export const reportRollupState = pgTable('report_rollup_state', {
  fact: text().primaryKey(),
  completeBefore: date({ mode: 'string' }).notNull(),
  refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  rowsWritten: integer().notNull().default(0),
});

export type ReportRollupStateRow = typeof reportRollupState.$inferSelect;
