import { date, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { pipelines, pipelineStages } from '../pipelines/pipelines.schema.js';

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

/**
 * Live card counters of the stages and "cards without an open task" dashboards: how many cards are now in each
 * (pipeline, stage, responsible), and how many of them are active with no open task. Maintained by statement-level
 * triggers on consultation_cards in the writer's own transaction (the `live_counters_triggers` migration), so every writer — the cards
 * service, the conversation bridge, imports, a user deletion setting `responsible_user_id` to null — keeps them exact.
 * Each key is split over CARD_COUNTER_SLOTS rows (`slot` = a hash of the card id) so cards created at the same time in
 * the same entry stage do not all wait for one row lock; readers sum the slots. No foreign key on the responsible:
 * a deleted user's cards move to the `null` row by the cards trigger itself.
 */
export const cardStageCounts = pgTable(
  'card_stage_counts',
  {
    pipelineId: uuid()
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    stageId: uuid()
      .notNull()
      .references(() => pipelineStages.id, { onDelete: 'cascade' }),
    responsibleUserId: uuid(),
    slot: smallint().notNull(),
    cards: integer().notNull().default(0),
    activeWithoutOpenTask: integer().notNull().default(0),
  },
  (t) => [unique('card_stage_counts_key').on(t.pipelineId, t.stageId, t.responsibleUserId, t.slot).nullsNotDistinct()],
);

/** Rows per counter key (see cardStageCounts); the triggers use `hashtext(id::text) & 7`. */
export const CARD_COUNTER_SLOTS = 8;

/** Per rollup table: every local day before `completeBefore` is in the table; later days are read from raw rows. */
export const reportRollupState = pgTable('report_rollup_state', {
  fact: text().primaryKey(),
  completeBefore: date({ mode: 'string' }).notNull(),
  refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  rowsWritten: integer().notNull().default(0),
});

export type ReportRollupStateRow = typeof reportRollupState.$inferSelect;
