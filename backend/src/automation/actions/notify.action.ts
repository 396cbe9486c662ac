import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { NotificationsRepository } from '../../notifications/notifications.repository.js';
import { NOTIFICATION_KINDS } from '../../notifications/notifications.schema.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { ROLES } from '../../users/roles.js';
import { AutomationActionRegistry, type ActionContext, type AutomationAction } from '../automation-action.registry.js';
import { interpolate, type Facts } from '../automation-facts.js';
import { AutomationRepository } from '../automation.repository.js';

const params = z.strictObject({
  recipients: z
    .strictObject({
      /** The card's responsible (or, without a card, the contact's). */
      responsible: z.boolean().optional(),
      /** The assignee of the event's task (task.overdue). */
      taskAssignee: z.boolean().optional(),
      userIds: z.array(z.uuid()).max(50).optional(),
      roles: z.array(z.enum(ROLES)).max(4).optional(),
    })
    .refine((r) => r.responsible || r.taskAssignee || r.userIds?.length || r.roles?.length, 'Choose who is notified.'),
  kind: z.enum(NOTIFICATION_KINDS).default('automation'),
  /** `{{card.title}}`, `{{stage.name}}`, `{{reminder.number}}`… are filled in from the event. */
  title: z.string().trim().min(1).max(300),
  body: z.string().max(4000).default(''),
});
type Params = z.infer<typeof params>;

/** Notifies staff (in-app, and by e-mail/Telegram as each of them chose for the kind). */
@Injectable()
export class NotifyAction implements AutomationAction<Params> {
  readonly type = 'notify';
  readonly description = 'Notify users, a role or the responsible';
  readonly params = params;
  readonly needs = [] as const;

  constructor(
    registry: AutomationActionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly notificationsRepository: NotificationsRepository,
    private readonly repository: AutomationRepository,
  ) {
    registry.register(this);
  }

  async validate(p: Params) {
    for (const [i, id] of (p.recipients.userIds ?? []).entries())
      if (!(await this.repository.userExists(id))) return { [`recipients.userIds.${i}`]: 'No such user.' };
    return {};
  }

  async run(p: Params, { facts }: ActionContext) {
    const userIds = new Set(p.recipients.userIds ?? []);
    const responsible = facts.card?.responsibleUserId ?? facts.contact?.responsibleUserId;
    if (p.recipients.responsible && responsible) userIds.add(responsible);
    if (p.recipients.taskAssignee && facts.task?.assigneeUserId) userIds.add(facts.task.assigneeUserId);
    for (const id of await this.notificationsRepository.activeUserIdsWithRole(p.recipients.roles ?? []))
      userIds.add(id);
    if (!userIds.size) throw new Error('Nobody to notify: the card has no responsible and no other recipient is set.');
    const subject = subjectOf(facts);
    const rows = await this.notifications.notify({
      userIds: [...userIds],
      kind: p.kind,
      title: interpolate(p.title, facts, this.config.locale.timeZone),
      body: interpolate(p.body, facts, this.config.locale.timeZone),
      ...subject,
    });
    return { notified: rows.map((r) => r.userId) };
  }
}

function subjectOf(facts: Facts): { entityType: string; entityId: string } | Record<string, never> {
  if (facts.task) return { entityType: 'task', entityId: facts.task.id };
  if (facts.card) return { entityType: 'consultation_card', entityId: facts.card.id };
  if (facts.call) return { entityType: 'call', entityId: facts.call.id };
  if (facts.message) return { entityType: 'conversation', entityId: facts.message.conversationId };
  return {};
}
