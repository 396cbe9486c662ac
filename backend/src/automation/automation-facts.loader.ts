import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '../domain-events/domain-event-types.js';
import type { CardFacts, ContactFacts, Facts } from './automation-facts.js';
import { AutomationRepository } from './automation.repository.js';

/** Loads what rules may look at for one event: the card, contact and the event's own record (message, call, task). */
@Injectable()
export class AutomationFactsLoader {
  constructor(private readonly repository: AutomationRepository) {}

  async forEvent(event: DomainEvent): Promise<Facts> {
    switch (event.type) {
      case 'message.received': {
        const message = await this.repository.message(event.data.messageId);
        const facts = await this.forCard(event.data.cardId, event.data.contactId);
        facts.message = {
          id: event.data.messageId,
          channel: event.data.channel,
          conversationId: event.data.conversationId,
          text: message?.text ?? null,
          hasAttachments: (message?.attachments.length ?? 0) > 0,
        };
        return facts;
      }
      case 'card.created':
      case 'card.stage_entered':
        return this.forCard(event.data.cardId, event.data.contactId);
      case 'call.missed': {
        const call = await this.repository.call(event.data.callId);
        const facts = await this.forContact(event.data.contactId);
        facts.call = {
          id: event.data.callId,
          status: event.data.status,
          fromNumber: event.data.fromNumber,
          queue: call?.queue ?? null,
          direction: call?.direction ?? 'inbound',
        };
        return facts;
      }
      case 'task.overdue': {
        const task = await this.repository.task(event.data.taskId);
        const facts = await this.forCard(event.data.cardId, event.data.contactId);
        if (task)
          facts.task = {
            id: task.id,
            title: task.title,
            type: task.type,
            priority: task.priority,
            assigneeUserId: task.assigneeUserId,
            dueAt: task.dueAt,
          };
        return facts;
      }
      case 'email.opened': {
        const facts = event.data.cardId
          ? await this.forCard(event.data.cardId, event.data.contactId)
          : await this.forContact(event.data.contactId);
        facts.email = { campaignId: event.data.campaignId, messageId: event.data.messageId };
        return facts;
      }
    }
  }

  /** A card's facts with its contact and current stage (the card may be gone: then only the contact). */
  async forCard(cardId: string | null, contactId: string | null): Promise<Facts> {
    const card = cardId ? await this.repository.card(cardId) : undefined;
    const facts: Facts = {};
    if (card) {
      facts.card = {
        id: card.id,
        title: card.title,
        contactId: card.contactId,
        pipelineId: card.pipelineId,
        stageId: card.stageId,
        responsibleUserId: card.responsibleUserId,
        departmentId: card.departmentId,
        budget: card.budget,
        programApplied: card.programApplied,
        source: card.source,
        status: card.status,
        instruments: card.instruments,
        utm: card.utm,
        fields: card.fields,
        stageEnteredAt: card.stageEnteredAt,
      } satisfies CardFacts;
      const stage = await this.repository.stage(card.stageId);
      if (stage)
        facts.stage = {
          id: stage.id,
          name: stage.name,
          pipelineId: stage.pipelineId,
          staleAfterHours: stage.staleAfterHours,
        };
    }
    const contact = await this.contactFacts(card?.contactId ?? contactId);
    if (contact) facts.contact = contact;
    return facts;
  }

  /** A contact's facts and their most recent active card (for calls and e-mails, which are not tied to a card). */
  private async forContact(contactId: string | null): Promise<Facts> {
    const card = contactId ? await this.repository.activeCardOf(contactId) : undefined;
    return this.forCard(card?.id ?? null, contactId);
  }

  private async contactFacts(contactId: string | null): Promise<ContactFacts | undefined> {
    const row = contactId ? await this.repository.contact(contactId) : undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      displayName: row.displayName,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      language: row.language,
      locality: row.locality,
      activityType: row.activityType,
      source: row.source,
      tags: row.tags,
      responsibleUserId: row.responsibleUserId,
      departmentId: row.departmentId,
      customFields: row.customFields,
    };
  }
}
