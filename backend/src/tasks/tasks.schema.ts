import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consultationCards } from '../consultations/consultations.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import { users } from '../users/users.schema.js';

export const TASK_TYPES = ['call_back', 'meeting', 'follow_up', 'consultation', 'other'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Something a consultant must do by a time (call back, meet, follow up), optionally split into subtasks. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    title: text().notNull(),
    type: text().$type<TaskType>().notNull().default('follow_up'),
    dueAt: timestamp({ withTimezone: true }),
    assigneeUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    cardId: uuid().references(() => consultationCards.id, { onDelete: 'cascade' }),
    contactId: uuid().references(() => contacts.id, { onDelete: 'cascade' }),
    parentTaskId: uuid().references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' }),
    /**
     * The pipeline of the task's card, copied by triggers (migration 0014) when the task is written and when the card
     * changes pipeline: the dashboards filter overdue tasks by pipeline without joining a million cards.
     */
    pipelineId: uuid(),
    status: text().$type<TaskStatus>().notNull().default('open'),
    /** What was done: required to close a task. */
    result: text(),
    /** 0 normal, 1 high, 2 urgent. */
    priority: integer().notNull().default(0),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tasks_assignee_status_due_idx').on(t.assigneeUserId, t.status, t.dueAt),
    index('tasks_card_status_idx').on(t.cardId, t.status),
    index('tasks_contact_idx').on(t.contactId),
    index('tasks_parent_idx').on(t.parentTaskId),
    // Dashboards: overdue open tasks of everyone (reports domain), index-only (assignee and card are in the index);
    // also the overdue scanner's range scan.
    index('tasks_open_due_idx')
      .on(t.dueAt, t.assigneeUserId, t.cardId)
      .where(sql`${t.status} = 'open'`),
    // Dashboards: overdue open tasks of one pipeline, index-only.
    index('tasks_open_pipeline_due_idx')
      .on(t.pipelineId, t.dueAt, t.assigneeUserId)
      .where(sql`${t.status} = 'open'`),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;
