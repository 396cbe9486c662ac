import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { normalizePhoneNumber } from '../contacts/phone-number.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { CrmBridgeRepository } from './crm-bridge.repository.js';

const SYSTEM_ACTOR = { userId: null, label: 'messaging' };

/** Who wrote: as the channel identified them. */
export type SenderIdentity = {
  channel: string;
  providerUserId?: string;
  name?: string;
  phone?: string;
  email?: string;
  username?: string;
  language?: string;
};

export type ResolvedContact = {
  contactId: string;
  responsibleUserId: string | null;
  displayName: string;
  created: boolean;
};

/**
 * What messaging needs from contacts, cards and tasks, inside the caller's transaction: find or create the contact by
 * channel identity → phone → e-mail, find or open the consultation card, pick the responsible, make sure a consult
 * task exists. Written against the core tables until the contacts/consultations/tasks services offer
 * transaction-scoped equivalents; the callers depend only on this class.
 */
@Injectable()
export class CrmBridge {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: CrmBridgeRepository,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly domainEvents: DomainEvents,
  ) {}

  async resolveContact(tx: DatabaseExecutor, sender: SenderIdentity, source: string): Promise<ResolvedContact> {
    const e164 = sender.phone
      ? normalizePhoneNumber(sender.phone.replace(/^whatsapp:/, ''), this.config.locale.defaultPhoneRegion)
      : null;
    const email = sender.email?.trim().toLowerCase() || undefined;
    let contact = sender.providerUserId
      ? await this.repository.contactByIdentity(tx, sender.channel, sender.providerUserId)
      : undefined;
    const foundByIdentity = Boolean(contact);
    let contactId = contact?.id;
    if (!contactId && e164) contactId = await this.repository.contactIdByPhone(tx, e164);
    if (!contactId && email) contactId = await this.repository.contactIdByEmail(tx, email);
    let created = false;
    if (contactId && !contact) contact = await this.repository.contactById(tx, contactId);
    if (contact?.mergedIntoId) {
      contactId = await this.survivorOf(tx, contact.mergedIntoId);
      contact = await this.repository.contactById(tx, contactId);
    }
    if (!contactId) {
      const [firstName, ...rest] = (sender.name ?? '').trim().split(/\s+/);
      const row = await this.repository.insertContact(tx, {
        firstName: firstName || null,
        lastName: rest.join(' ') || null,
        displayName:
          sender.name?.trim() ||
          e164 ||
          email ||
          (sender.username ? `@${sender.username}` : `${sender.channel} ${sender.providerUserId ?? ''}`.trim()),
        email: email ?? null,
        language: normalizeLanguage(sender.language),
        source,
      });
      await this.audit.record(
        { action: 'create', entityType: 'contact', entityId: row.id, after: row, actor: SYSTEM_ACTOR },
        tx,
      );
      await this.timeline.append(tx, {
        kind: 'contact_created',
        contactId: row.id,
        refType: 'contact',
        refId: row.id,
        actorUserId: null,
        summary: { source },
      });
      contactId = row.id;
      contact = row;
      created = true;
    }
    // A contact found by its channel identity is already linked; otherwise remember how they wrote.
    if (e164 && (!foundByIdentity || sender.channel === 'webchat'))
      await this.repository.addPhone(tx, contactId, e164, created);
    if (sender.providerUserId && !foundByIdentity)
      await this.repository.addIdentity(tx, {
        contactId,
        channel: sender.channel,
        providerUserId: sender.providerUserId,
        username: sender.username ?? null,
      });
    if (!created && email && !contact!.email) await this.repository.updateContact(tx, contactId, { email });
    return { contactId, responsibleUserId: contact!.responsibleUserId, displayName: contact!.displayName, created };
  }

  /** The contact's most recent active card; none: a new card in the new-requests pipeline when `createIfNone`. */
  async cardFor(
    tx: DatabaseExecutor,
    input: {
      contactId: string;
      currentCardId?: string | null;
      createIfNone: boolean;
      title: string;
      source: string;
      responsibleUserId: string | null;
      departmentId: string | null;
      utm?: Record<string, string>;
      details?: Record<string, unknown>;
    },
  ): Promise<{ cardId: string; responsibleUserId: string | null; created: boolean } | null> {
    const active = await this.repository.activeCardOf(tx, input.contactId);
    if (active) {
      if (input.utm && Object.keys(input.utm).length)
        await this.repository.updateCard(tx, active.id, { utm: input.utm });
      return { cardId: active.id, responsibleUserId: active.responsibleUserId, created: false };
    }
    if (!input.createIfNone) return null;
    const entry = await this.repository.entryStageOf(tx, this.config.messaging.newRequestsPipelineCode);
    if (!entry) return null;
    const card = await this.repository.insertCard(tx, {
      contactId: input.contactId,
      pipelineId: entry.pipelineId,
      stageId: entry.stageId,
      title: input.title,
      responsibleUserId: input.responsibleUserId,
      departmentId: input.departmentId ?? entry.departmentId,
      source: input.source,
      utm: input.utm ?? {},
    });
    await this.audit.record(
      { action: 'create', entityType: 'consultation_card', entityId: card.id, after: card, actor: SYSTEM_ACTOR },
      tx,
    );
    await this.timeline.append(tx, {
      kind: 'card_created',
      contactId: input.contactId,
      cardId: card.id,
      refType: 'card',
      refId: card.id,
      actorUserId: null,
      summary: { title: card.title, source: input.source, ...input.details },
    });
    await this.domainEvents.publish(tx, 'card.created', {
      cardId: card.id,
      contactId: card.contactId,
      pipelineId: card.pipelineId,
      stageId: card.stageId,
      responsibleUserId: card.responsibleUserId,
      source: card.source,
    });
    await this.domainEvents.publish(tx, 'card.stage_entered', {
      cardId: card.id,
      contactId: card.contactId,
      pipelineId: card.pipelineId,
      stageId: card.stageId,
      fromStageId: null,
      enteredAt: card.stageEnteredAt.toISOString(),
    });
    return { cardId: card.id, responsibleUserId: card.responsibleUserId, created: true };
  }

  /**
   * Channel account default → contact's responsible → round-robin among the (department's) consultants, continuing
   * after whoever got the account's last conversation (or, without an account, the last card from `source`).
   */
  async pickResponsible(
    tx: DatabaseExecutor,
    input: {
      channelAccountId?: string;
      source?: string;
      accountDefault: string | null;
      contactResponsible: string | null;
      departmentId: string | null;
    },
  ): Promise<string | null> {
    for (const candidate of [input.accountDefault, input.contactResponsible])
      if (candidate && (await this.repository.isActiveUser(tx, candidate))) return candidate;
    const consultants = await this.repository.consultantIds(tx, input.departmentId);
    if (!consultants.length) return null;
    const last = input.channelAccountId
      ? await this.repository.lastAutoAssignee(tx, input.channelAccountId)
      : await this.repository.lastCardResponsible(tx, input.source ?? '');
    const index = last ? consultants.indexOf(last) : -1;
    return consultants[(index + 1) % consultants.length];
  }

  async setContactResponsibleIfNone(
    tx: DatabaseExecutor,
    contactId: string,
    current: string | null,
    userId: string | null,
  ): Promise<void> {
    if (!current && userId) await this.repository.updateContact(tx, contactId, { responsibleUserId: userId });
  }

  /** "A social message creates a consult task": one open task per card (or contact without a card). */
  async ensureConsultTask(
    tx: DatabaseExecutor,
    input: { contactId: string; cardId: string | null; assigneeUserId: string | null; title: string },
  ): Promise<string | null> {
    if (await this.repository.hasOpenTask(tx, { cardId: input.cardId, contactId: input.contactId })) return null;
    const task = await this.repository.insertTask(tx, {
      title: input.title,
      type: 'consultation',
      dueAt: new Date(Date.now() + 15 * 60_000),
      assigneeUserId: input.assigneeUserId,
      cardId: input.cardId,
      contactId: input.contactId,
      priority: 1,
    });
    await this.audit.record(
      { action: 'create', entityType: 'task', entityId: task.id, after: task, actor: SYSTEM_ACTOR },
      tx,
    );
    await this.timeline.append(tx, {
      kind: 'task_created',
      contactId: input.contactId,
      cardId: input.cardId,
      refType: 'task',
      refId: task.id,
      actorUserId: null,
      summary: { title: task.title },
    });
    return task.id;
  }

  /** A merged contact's messages go to the survivor (`contactId` is where the merge pointed). */
  private async survivorOf(tx: DatabaseExecutor, contactId: string): Promise<string> {
    let id = contactId;
    for (let hop = 0; hop < 5; hop++) {
      const row = await this.repository.contactById(tx, id);
      if (!row?.mergedIntoId) return id;
      id = row.mergedIntoId;
    }
    return id;
  }
}

function normalizeLanguage(language: string | undefined): string {
  const code = language?.slice(0, 2).toLowerCase();
  return code === 'ru' || code === 'en' || code === 'ro' ? code : 'ro';
}
