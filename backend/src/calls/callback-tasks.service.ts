import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import { WorkingHoursService } from '../working-hours/working-hours.service.js';
import { CallbackTaskCreator } from './call-collaborators.js';
import type { CallRow } from './calls.schema.js';
import { CallsRepository } from './calls.repository.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { TelephonySettingsRepository } from './telephony-settings.repository.js';

const SYSTEM = { userId: null, label: 'system:callbacks' };

export type CallbackDecision = { taskId: string; joined: boolean; assigneeUserId: string | null; dueAt: Date | null };

/**
 * Unanswered inbound calls become CallbackTasks: due at the next opening when the centre was closed, within
 * `callbackDueMinutes` when it was open; assigned to whoever last handled the caller (or round-robin). Further missed
 * calls of the same number join the open task instead of creating another.
 */
@Injectable()
export class CallbackTasksService {
  private readonly perNumber = new KeyedSerializer();

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly calls: CallsRepository,
    private readonly settings: TelephonySettingsRepository,
    private readonly workingHours: WorkingHoursService,
    private readonly contacts: ContactsService,
    private readonly tasks: CallbackTaskCreator,
    private readonly notifier: AgentNotifier,
    private readonly audit: AuditService,
  ) {}

  handleUnanswered(call: CallRow): Promise<CallbackDecision | null> {
    const number = call.externalE164;
    if (!number || call.callbackTaskId) return Promise.resolve(null);
    return this.perNumber.run(number, () => this.createOrJoin(call, number));
  }

  private async createOrJoin(call: CallRow, number: string): Promise<CallbackDecision> {
    const existingId = await this.calls.latestCallbackTaskOf(number);
    const existing = existingId ? await this.tasks.findOpen(existingId) : null;
    if (existing) {
      await this.tasks.recordAnotherMissedCall(existing.id);
      await this.db.transaction(async (tx) => {
        await this.calls.update(call.id, { callbackTaskId: existing.id }, tx);
        await this.audit.record(
          {
            action: 'call.callback_joined',
            entityType: 'call',
            entityId: call.id,
            after: { taskId: existing.id },
            actor: SYSTEM,
          },
          tx,
        );
      });
      if (existing.assigneeUserId)
        this.notifier.toUser(existing.assigneeUserId, 'callback:updated', {
          taskId: existing.id,
          callId: call.id,
          from: call.fromNumber,
          contactId: call.contactId,
        });
      return { taskId: existing.id, joined: true, assigneeUserId: existing.assigneeUserId, dueAt: null };
    }
    const [calendar, settings, contact] = await Promise.all([
      this.workingHours.calendar(),
      this.settings.get(),
      call.contactId ? this.contacts.view(call.contactId) : Promise.resolve(undefined),
    ]);
    const dueMinutes = settings?.callbackDueMinutes ?? 15;
    const wasOpen = calendar.isOpen(call.startedAt);
    const soon = new Date(call.startedAt.getTime() + dueMinutes * 60_000);
    const dueAt = wasOpen ? soon : (calendar.nextOpening(call.startedAt) ?? soon);
    const assigneeUserId = await this.chooseAssignee(
      call,
      contact?.responsibleUserId ?? null,
      settings?.callbackAssignmentMode ?? 'last_consultant',
    );
    const task = await this.tasks.create({
      contactId: call.contactId,
      assigneeUserId,
      dueAt,
      title: `Sunați înapoi: ${contact?.displayName ?? number}`,
    });
    await this.db.transaction(async (tx) => {
      await this.calls.update(call.id, { callbackTaskId: task.id }, tx);
      await this.audit.record(
        {
          action: 'call.callback_created',
          entityType: 'call',
          entityId: call.id,
          after: { taskId: task.id, assigneeUserId, dueAt, wasOpen },
          actor: SYSTEM,
        },
        tx,
      );
    });
    if (assigneeUserId)
      this.notifier.toUser(assigneeUserId, 'callback:assigned', {
        taskId: task.id,
        callId: call.id,
        from: call.fromNumber,
        contactId: call.contactId,
        contactName: contact?.displayName ?? null,
        dueAt,
        outOfHours: !wasOpen,
      });
    this.logger.info({ callId: call.id, taskId: task.id, assigneeUserId }, 'callback task created');
    return { taskId: task.id, joined: false, assigneeUserId, dueAt };
  }

  private async chooseAssignee(call: CallRow, responsibleUserId: string | null, mode: string): Promise<string | null> {
    if (mode === 'last_consultant') {
      const last = await this.calls.lastAnsweringConsultant({
        contactId: call.contactId,
        externalE164: call.externalE164,
      });
      if (last?.active) return last.id;
      if (responsibleUserId) return responsibleUserId;
    }
    return this.db.transaction(async (tx) => {
      const settings = await this.settings.lockForUpdate(tx);
      const consultants = await this.calls.activeConsultants(tx);
      if (!consultants.length) return responsibleUserId;
      const previous = consultants.findIndex((c) => c.id === settings?.lastAssignedUserId);
      const next = consultants[(previous + 1) % consultants.length];
      await this.settings.update(tx, { lastAssignedUserId: next.id });
      return next.id;
    });
  }

  /** A later answered or outbound call with this number: earlier unanswered calls count as called back (tasks stay open). */
  async markCalledBack(by: CallRow, at: Date): Promise<number> {
    if (!by.externalE164) return 0;
    return this.db.transaction(async (tx) => {
      const marked = await this.calls.markCalledBack(by.externalE164!, by.startedAt, by.id, at, tx);
      for (const call of marked)
        await this.audit.record(
          {
            action: 'call.called_back',
            entityType: 'call',
            entityId: call.id,
            after: { calledBackAt: at, byCallId: by.id },
            actor: SYSTEM,
          },
          tx,
        );
      return marked.length;
    });
  }
}
