import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { TASK_TYPES } from '../../tasks/tasks.schema.js';
import { TasksService } from '../../tasks/tasks.service.js';
import { AutomationActionRegistry, type ActionContext, type AutomationAction } from '../automation-action.registry.js';
import { AUTOMATION_VIEWER } from '../automation-actor.js';
import { interpolate } from '../automation-facts.js';
import { AssigneeResolver, assigneeSpec } from './assignee-spec.js';

const params = z.strictObject({
  /** `{{contact.displayName}}`, `{{card.title}}`… are filled in from the event. */
  title: z.string().trim().min(1).max(300),
  type: z.enum(TASK_TYPES).default('follow_up'),
  dueInMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 365)
    .default(60),
  priority: z.number().int().min(0).max(2).default(0),
  assignee: assigneeSpec.default({ mode: 'responsible' }),
});
type Params = z.infer<typeof params>;

/** Creates a task on the event's card (or contact), due in N minutes, assigned as configured; the assignee is notified live. */
@Injectable()
export class CreateTaskAction implements AutomationAction<Params> {
  readonly type = 'create_task';
  readonly description = 'Create a task on the card (or contact)';
  readonly params = params;
  readonly needs = ['contact'] as const;

  constructor(
    registry: AutomationActionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tasks: TasksService,
    private readonly assignees: AssigneeResolver,
  ) {
    registry.register(this);
  }

  validate(p: Params) {
    return this.assignees.validate(p.assignee, 'assignee');
  }

  async run(p: Params, context: ActionContext) {
    const { facts } = context;
    const assigneeUserId = await this.assignees.resolve(p.assignee, context);
    const task = await this.tasks.create(
      {
        title: interpolate(p.title, facts, this.config.locale.timeZone).slice(0, 300),
        type: p.type,
        dueAt: new Date(Date.now() + p.dueInMinutes * 60_000),
        priority: p.priority,
        assigneeUserId: assigneeUserId ?? undefined,
        cardId: facts.card?.id ?? null,
        contactId: facts.contact?.id,
        parentTaskId: null,
      } as Parameters<TasksService['create']>[0],
      AUTOMATION_VIEWER,
    );
    return { taskId: task.id, assigneeUserId: task.assigneeUserId };
  }
}
