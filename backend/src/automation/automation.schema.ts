import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.js';
import type { ConditionNode } from './automation-conditions.js';
import type { TriggerType } from './automation-triggers.js';

/** One configured action of a rule: a registered action type and its parameters. */
export type RuleAction = { type: string; params: Record<string, unknown> };

/** What one action of a run did. */
export type ActionResult = {
  type: string;
  /** `interrupted`: the worker died while this action ran; it may or may not have taken effect. */
  status: 'done' | 'failed' | 'not_run' | 'interrupted';
  detail?: Record<string, unknown>;
  error?: string;
};
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** An automation rule: when `trigger` happens and `conditions` hold, run `actions` in order. */
export const automationRules = pgTable(
  'automation_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text(),
    active: boolean().notNull().default(true),
    trigger: text().$type<TriggerType>().notNull(),
    triggerParams: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** null: always. */
    conditions: jsonb().$type<ConditionNode | null>(),
    actions: jsonb().$type<RuleAction[]>().notNull(),
    /** Rules the product ships (seeded on a fresh database) carry a key; they can be edited or switched off, not deleted. */
    builtInKey: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('automation_rules_built_in_key').on(t.builtInKey),
    index('automation_rules_trigger_idx').on(t.trigger, t.active),
  ],
);

/**
 * One firing of a rule. `(ruleId, idempotencyKey)` is unique: the same event (or timer occurrence) never runs a rule
 * twice, however often the job is retried or the event redelivered.
 */
export const automationRuleRuns = pgTable(
  'automation_rule_runs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ruleId: uuid()
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    idempotencyKey: text().notNull(),
    /** The domain event type, or `card.stuck_in_stage` for timer firings. */
    eventType: text().notNull(),
    /** The event's outbox id, or the timer job id. */
    eventRef: text().notNull(),
    cardId: uuid(),
    contactId: uuid(),
    depth: integer().notNull().default(0),
    status: text().$type<RunStatus>().notNull(),
    actionResults: jsonb().$type<ActionResult[]>().notNull().default([]),
    error: text(),
    startedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('automation_rule_runs_idempotency_key').on(t.ruleId, t.idempotencyKey),
    index('automation_rule_runs_rule_idx').on(t.ruleId, t.startedAt),
  ],
);

/** Round-robin position of one action of one rule: who got the last assignment. */
export const automationRoundRobin = pgTable(
  'automation_round_robin',
  {
    ruleId: uuid()
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    actionIndex: integer().notNull(),
    lastUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.actionIndex] })],
);

export type AutomationRuleRow = typeof automationRules.$inferSelect;
export type AutomationRuleRunRow = typeof automationRuleRuns.$inferSelect;
