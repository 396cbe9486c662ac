import { Injectable } from '@nestjs/common';
import type { CardViewer } from '../consultations/card-viewer.js';
import { TasksService } from '../tasks/tasks.service.js';
import { CallbackTaskCreator, type NewCallbackTask } from './call-collaborators.js';

const MISSED_COUNT = / \((\d+) apeluri pierdute\)$/;

/** CallbackTasks through TasksService (audited, on the timeline, the assignee notified with `task:assigned`). */
@Injectable()
export class TasksCallbackTaskCreator extends CallbackTaskCreator {
  constructor(private readonly tasks: TasksService) {
    super();
  }

  /** The telephony system acts on behalf of the assignee (tasks record who created them), seeing every department. */
  private viewer(userId: string | null): CardViewer {
    return { id: userId as string, departmentId: null, permissions: ['cards.all_departments'] };
  }

  async create(task: NewCallbackTask): Promise<{ id: string }> {
    const row = await this.tasks.create(
      {
        title: task.title.slice(0, 300),
        type: 'call_back',
        dueAt: task.dueAt,
        assigneeUserId: task.assigneeUserId ?? undefined,
        contactId: task.contactId,
        cardId: null,
        parentTaskId: null,
        priority: 1,
      } as Parameters<TasksService['create']>[0],
      this.viewer(task.assigneeUserId),
    );
    return { id: row.id };
  }

  async recordAnotherMissedCall(taskId: string): Promise<void> {
    const task = await this.tasks.get(taskId, this.viewer(null));
    const match = MISSED_COUNT.exec(task.title);
    const count = match ? Number(match[1]) + 1 : 2;
    const base = match ? task.title.slice(0, match.index) : task.title;
    const title = `${base.slice(0, 270)} (${count} apeluri pierdute)`;
    await this.tasks.update(
      taskId,
      { title, priority: Math.min(2, task.priority + 1) },
      this.viewer(task.assigneeUserId),
    );
  }

  async findOpen(taskId: string): Promise<{ id: string; assigneeUserId: string | null } | null> {
    const task = await this.tasks.get(taskId, this.viewer(null)).catch(() => null);
    return task?.status === 'open' ? { id: task.id, assigneeUserId: task.assigneeUserId } : null;
  }
}
