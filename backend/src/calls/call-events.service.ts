import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import { RecordingsService } from '../recordings/recordings.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { OpenCardsLookup } from './call-collaborators.js';
import type { CallEvent } from './call-event.js';
import { CallbackTasksService } from './callback-tasks.service.js';
import { FINAL_STATUSES, UNANSWERED_STATUSES, type CallRow, type CallStatus } from './calls.schema.js';
import { CallsRepository, type ConsultantRef } from './calls.repository.js';
import { ExtensionDirectory } from './extension-directory.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { newCallValues, RingingCallsBatcher, type IngestResult } from './ringing-calls.batcher.js';

export type { IngestResult };

/**
 * Turns the PBX's normalized events into `calls` rows and desk notifications. A state machine per call
 * (ringing → in-progress → final): every transition is a conditional update, so a retried or duplicated event
 * changes nothing and notifies nobody twice.
 */
@Injectable()
export class CallEventsService {
  private readonly perCall = new KeyedSerializer();

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly calls: CallsRepository,
    private readonly extensions: ExtensionDirectory,
    private readonly contacts: ContactsService,
    private readonly cards: OpenCardsLookup,
    private readonly ringing: RingingCallsBatcher,
    private readonly notifier: AgentNotifier,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly callbacks: CallbackTasksService,
    private readonly recordings: RecordingsService,
    private readonly domainEvents: DomainEvents,
  ) {}

  ingest(event: CallEvent): Promise<IngestResult> {
    return this.perCall.run(`${event.pbx}:${event.callId}`, async () => {
      const result = await this.apply(event);
      this.logger.info(
        {
          pbx: event.pbx,
          providerCallId: event.callId,
          callId: result.callId,
          kind: event.kind,
          changed: result.changed,
        },
        'call event',
      );
      return result;
    });
  }

  private apply(event: CallEvent): Promise<IngestResult> {
    switch (event.kind) {
      case 'ringing':
        return this.onRinging(event);
      case 'answered':
        return this.onAnswered(event);
      case 'ended':
      case 'missed':
        return this.onEnded(event);
      case 'recording-ready':
        return this.onRecordingReady(event);
    }
  }

  private async ensureCall(event: CallEvent): Promise<{ call: CallRow; created: boolean }> {
    const result = await this.calls.insertIfAbsent(newCallValues(event, this.contacts));
    if (result.created && event.direction === 'outbound') await this.callbacks.markCalledBack(result.call, event.at);
    return result;
  }

  /** Rings arriving together are resolved together: see RingingCallsBatcher. */
  private onRinging(event: CallEvent): Promise<IngestResult> {
    return this.ringing.ring(event);
  }

  private async onAnswered(event: CallEvent): Promise<IngestResult> {
    const [{ call }, [agent]] = await Promise.all([
      this.ensureCall(event),
      this.extensions.consultantsAt(event.agentExtension ? [event.agentExtension] : []),
    ]);
    const answered = await this.calls.markAnswered(call.id, {
      answeredByUserId: agent?.id ?? null,
      answeredAt: event.at,
    });
    if (!answered) return { callId: call.id, changed: false };
    this.notifyParties(answered, agent, 'call:answered', {
      callId: answered.id,
      answeredBy: agent ? { id: agent.id, fullName: agent.fullName } : null,
      at: event.at,
    });
    if (answered.direction === 'inbound') await this.callbacks.markCalledBack(answered, event.at);
    return { callId: call.id, changed: true };
  }

  private async onEnded(event: CallEvent): Promise<IngestResult> {
    const [{ call }, [reportedAgent]] = await Promise.all([
      this.ensureCall(event),
      this.extensions.consultantsAt(event.agentExtension ? [event.agentExtension] : []),
    ]);
    if (FINAL_STATUSES.includes(call.status)) return { callId: call.id, changed: false };
    const status = finalStatus(event, call, Boolean(reportedAgent));
    const answeredByUserId = call.answeredByUserId ?? (status === 'answered' ? (reportedAgent?.id ?? null) : null);
    const answeredAt =
      call.answeredAt ??
      (status === 'answered' ? new Date(event.at.getTime() - (event.talkSeconds ?? 0) * 1000) : null);
    const openCards = call.contactId ? await this.cards.openCardsOf(call.contactId) : [];
    const ended = await this.db.transaction(async (tx) => {
      const row = await this.calls.markFinal(
        call.id,
        {
          status,
          endedAt: event.at,
          answeredByUserId,
          answeredAt,
          waitSeconds: event.waitSeconds ?? call.waitSeconds,
          talkSeconds:
            event.talkSeconds ?? (answeredAt ? Math.round((event.at.getTime() - answeredAt.getTime()) / 1000) : 0),
          queue: event.queue ?? call.queue,
        },
        tx,
      );
      if (!row) return undefined;
      if (row.contactId)
        await this.timeline.append(tx, {
          kind: 'call',
          contactId: row.contactId,
          cardId: openCards[0]?.id ?? null,
          occurredAt: row.startedAt,
          actorUserId: row.answeredByUserId,
          refType: 'call',
          refId: row.id,
          summary: {
            direction: row.direction,
            status: row.status,
            from: row.fromNumber,
            talkSeconds: row.talkSeconds,
            waitSeconds: row.waitSeconds,
          },
        });
      await this.audit.record(
        {
          action: 'call.ended',
          entityType: 'call',
          entityId: row.id,
          after: {
            status: row.status,
            direction: row.direction,
            answeredByUserId: row.answeredByUserId,
            talkSeconds: row.talkSeconds,
          },
          actor: { userId: null, label: `pbx:${row.pbx}` },
        },
        tx,
      );
      if (row.direction === 'inbound' && UNANSWERED_STATUSES.includes(row.status))
        await this.domainEvents.publish(tx, 'call.missed', {
          callId: row.id,
          contactId: row.contactId,
          fromNumber: row.fromNumber,
          status: row.status,
          startedAt: row.startedAt.toISOString(),
        });
      return row;
    });
    if (!ended) return { callId: call.id, changed: false };
    const agent = answeredByUserId
      ? ((await this.calls.usersByIds([answeredByUserId]))[0] ?? reportedAgent)
      : undefined;
    this.notifyParties(ended, agent, 'call:ended', {
      callId: ended.id,
      status: ended.status,
      talkSeconds: ended.talkSeconds,
      at: event.at,
    });
    if (ended.direction === 'inbound' && UNANSWERED_STATUSES.includes(ended.status))
      await this.callbacks.handleUnanswered(ended);
    if (ended.direction === 'inbound' && ended.status === 'answered' && !call.answeredAt)
      await this.callbacks.markCalledBack(ended, event.at);
    return { callId: call.id, changed: true };
  }

  private async onRecordingReady(event: CallEvent): Promise<IngestResult> {
    const { call } = await this.ensureCall(event);
    const created = await this.recordings.register(call, {
      pbx: event.pbx,
      fileName: event.recording?.fileName,
      url: event.recording?.url,
      durationSeconds: event.recording?.durationSeconds,
    });
    return { callId: call.id, changed: created };
  }

  /** Ringing users and whoever took the call: nobody else hears about it. */
  private notifyParties(call: CallRow, agent: ConsultantRef | undefined, event: string, payload: unknown): void {
    const userIds = new Set(call.ringingUserIds);
    if (agent) userIds.add(agent.id);
    for (const id of userIds) this.notifier.toUser(id, event, payload);
  }
}

function finalStatus(event: CallEvent, call: CallRow, agentReported: boolean): CallStatus {
  if (event.kind === 'missed') return event.outcome && event.outcome !== 'answered' ? event.outcome : 'missed';
  if (event.outcome) return event.outcome;
  return call.answeredAt || (agentReported && (event.talkSeconds ?? 0) > 0) ? 'answered' : 'missed';
}
