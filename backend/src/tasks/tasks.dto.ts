import { z } from 'zod';
import { TASK_STATUSES, TASK_TYPES } from './tasks.schema.js';

const dueAt = z.iso
  .datetime({ offset: true, message: 'Use an ISO date-time such as 2026-11-23T15:00:00+02:00.' })
  .transform((v) => new Date(v));
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const createTaskDto = z.object({
  title: z.string().trim().min(2, 'Write what has to be done.').max(300),
  type: z.enum(TASK_TYPES).default('follow_up'),
  dueAt: dueAt.nullable().optional(),
  assigneeUserId: z.uuid().optional(),
  cardId: z.uuid().nullable().optional(),
  contactId: z.uuid().nullable().optional(),
  parentTaskId: z.uuid().nullable().optional(),
  priority: z.number().int().min(0).max(2).default(0),
});
export type CreateTaskDto = z.infer<typeof createTaskDto>;

/** Status changes here are cancel and reopen; `done` goes through POST /tasks/:id/close with a result. */
export const updateTaskDto = z.object({
  title: z.string().trim().min(2).max(300).optional(),
  type: z.enum(TASK_TYPES).optional(),
  dueAt: dueAt.nullable().optional(),
  assigneeUserId: z.uuid().optional(),
  priority: z.number().int().min(0).max(2).optional(),
  status: z.enum(['open', 'cancelled']).optional(),
});
export type UpdateTaskDto = z.infer<typeof updateTaskDto>;

export const closeTaskDto = z.object({ result: z.string().max(20_000).optional() });
export type CloseTaskDto = z.infer<typeof closeTaskDto>;

export const listTasksQuery = z.object({
  assignee: z.union([z.literal('me'), z.uuid()]).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  overdue: booleanFlag.optional(),
  dueToday: booleanFlag.optional(),
  cardId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  parentTaskId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;
