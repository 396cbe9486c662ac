import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { CardViewer } from '../consultations/card-viewer.js';
import { ConsultationCardsService } from '../consultations/consultation-cards.service.js';
import { ContactMergeRegistry } from '../contacts/contact-merge.registry.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation, violatedConstraint } from '../database/postgres-errors.js';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { CreateTaskDto, ListTasksQuery, UpdateTaskDto } from './tasks.dto.js';
import { TasksRepository } from './tasks.repository.js';
import type { TaskRow } from './tasks.schema.js';

export type TaskWithSubtasks = TaskRow & { subtasks: TaskRow[] };
/** A closed task, and whether its card is left active without any open task (the desk then asks for the next one). */
export type ClosedTask = TaskRow & { nextTaskNeeded: boolean };

export const TASK_ASSIGNED_EVENT = 'task:assigned';

/** Tasks and subtasks: create, assign (the assignee is notified live), close with a written result. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: TasksRepository,
    private readonly cards: ConsultationCardsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly notifier: AgentNotifier,
    mergeRegistry: ContactMergeRegistry,
  ) {
    mergeRegistry.register({
      name: 'tasks',
      reassignContact: (tx, from, to) => this.repository.reassignContact(tx, from, to),
    });
  }

  list(query: ListTasksQuery, viewer: CardViewer) {
    const { limit, offset, assignee, ...filter } = query;
    const assigneeUserId = assignee === 'me' ? viewer.id : assignee;
    return this.repository.list({ ...filter, assigneeUserId }, viewer, { limit, offset }, this.config.locale.timeZone);
  }

  async get(id: string, viewer: CardViewer): Promise<TaskWithSubtasks> {
    const task = await this.getVisible(id, viewer);
    return { ...task, subtasks: await this.repository.subtasksOf(id) };
  }

  async create(dto: CreateTaskDto, viewer: CardViewer): Promise<TaskRow> {
    const task = await this.db.transaction(async (tx) => {
      let { cardId, contactId } = dto;
      if (dto.parentTaskId) {
        const parent = await this.repository.findVisible(dto.parentTaskId, viewer, tx);
        if (!parent) throw ApiError.validation({ parentTaskId: 'No such task.' });
        if (parent.status !== 'open') throw ApiError.validation({ parentTaskId: 'The parent task is already closed.' });
        cardId ??= parent.cardId;
        contactId ??= parent.contactId;
      }
      if (cardId) {
        const card = await this.cards.getVisible(cardId, viewer, tx).catch(() => {
          throw ApiError.validation({ cardId: 'No such card.' });
        });
        contactId ??= card.contactId;
      }
      const row = await this.repository
        .insert(tx, {
          ...dto,
          cardId,
          contactId,
          assigneeUserId: dto.assigneeUserId ?? viewer.id,
          createdBy: viewer.id,
        })
        .catch(referenceErrorsAsValidation);
      await this.audit.record({ action: 'create', entityType: 'task', entityId: row.id, after: row }, tx);
      await this.timeline.append(tx, {
        kind: 'task_created',
        contactId: row.contactId,
        cardId: row.cardId,
        refType: 'task',
        refId: row.id,
        summary: { title: row.title, type: row.type, dueAt: row.dueAt, assigneeUserId: row.assigneeUserId },
      });
      return row;
    });
    this.notifyAssignee(task);
    return task;
  }

  async update(id: string, dto: UpdateTaskDto, viewer: CardViewer): Promise<TaskRow> {
    const { before, task } = await this.db.transaction(async (tx) => {
      const before = await this.getVisible(id, viewer, tx);
      if (dto.status && before.status === 'done')
        throw ApiError.conflict('task_done', 'This task is done; create a new task instead of reopening it.');
      const changes = {
        ...dto,
        ...(dto.status === 'cancelled' ? { closedAt: new Date(), closedBy: viewer.id } : {}),
        ...(dto.status === 'open' ? { closedAt: null, closedBy: null } : {}),
      };
      const task = await this.repository.update(tx, id, changes).catch(referenceErrorsAsValidation);
      await this.audit.record({ action: 'update', entityType: 'task', entityId: id, before, after: task }, tx);
      return { before, task };
    });
    if (task.assigneeUserId !== before.assigneeUserId) this.notifyAssignee(task);
    return task;
  }

  /** Marks a task done with what was done; refused without a written result or while subtasks are open. */
  async close(id: string, result: string | undefined, viewer: CardViewer): Promise<ClosedTask> {
    const text = result?.trim() ?? '';
    if (!text)
      throw ApiError.unprocessable('result_required', 'Write what was done before closing the task.', {
        result: 'Write what was done: the outcome of the call, meeting or follow-up.',
      });
    return this.db.transaction(async (tx) => {
      const before = await this.getVisible(id, viewer, tx);
      if (before.status !== 'open')
        throw ApiError.conflict('task_not_open', 'This task is already closed or cancelled.');
      const openSubtasks = await this.repository.countOpen({ parentTaskId: id }, tx);
      if (openSubtasks)
        throw ApiError.unprocessable(
          'open_subtasks',
          `Close or cancel the ${openSubtasks} open subtask(s) first.`,
          undefined,
          { openSubtasks },
        );
      const closedAt = new Date();
      const task = await this.repository.update(tx, id, {
        status: 'done',
        result: text,
        closedAt,
        closedBy: viewer.id,
      });
      await this.audit.record({ action: 'task.close', entityType: 'task', entityId: id, before, after: task }, tx);
      await this.timeline.append(tx, {
        kind: 'task_closed',
        contactId: task.contactId,
        cardId: task.cardId,
        occurredAt: closedAt,
        refType: 'task',
        refId: task.id,
        summary: { title: task.title, type: task.type, result: text.length > 500 ? `${text.slice(0, 500)}…` : text },
      });
      return { ...task, nextTaskNeeded: await this.cardLeftWithoutTask(task, tx) };
    });
  }

  private async cardLeftWithoutTask(task: TaskRow, tx: DatabaseExecutor): Promise<boolean> {
    if (!task.cardId) return false;
    // open_task_count already counts this close: the tasks trigger ran at the end of the update statement.
    const card = await this.cards.find(task.cardId, tx);
    return card?.status === 'active' && card.openTaskCount === 0;
  }

  private async getVisible(id: string, viewer: CardViewer, tx?: DatabaseExecutor): Promise<TaskRow> {
    const task = await this.repository.findVisible(id, viewer, tx);
    if (!task) throw ApiError.notFound('Task', id);
    return task;
  }

  private notifyAssignee(task: TaskRow): void {
    if (task.assigneeUserId && task.status === 'open')
      this.notifier.toUser(task.assigneeUserId, TASK_ASSIGNED_EVENT, task);
  }
}

function referenceErrorsAsValidation(error: unknown): never {
  if (isForeignKeyViolation(error)) {
    const constraint = violatedConstraint(error) ?? '';
    if (constraint.includes('assignee')) throw ApiError.validation({ assigneeUserId: 'No such user.' });
    if (constraint.includes('contact')) throw ApiError.validation({ contactId: 'No such contact.' });
    throw ApiError.validation({ task: 'A referenced record does not exist.' });
  }
  throw error;
}
