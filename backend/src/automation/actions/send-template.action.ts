import { Inject, Injectable } from '@nestjs/common';
import {
  compileTemplate,
  TemplateCompileError,
  type Channel,
  type MergeContext,
  type TemplateSource,
} from '@consult-crm/templates';
import { z } from 'zod';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { OutboundMessagesService } from '../../conversations/outbound-messages.service.js';
import { AutomationActionRegistry, type ActionContext, type AutomationAction } from '../automation-action.registry.js';
import type { Facts } from '../automation-facts.js';
import { AutomationRepository } from '../automation.repository.js';

const params = z.strictObject({
  /** A label for the run's report only; a stored template is sent by the `send_stored_template` action (campaigns). */
  templateId: z.string().min(1).max(100).optional(),
  /** Write on the contact's latest open conversation on this channel (telegram, viber, whatsapp, email…); default: the event's conversation, else the latest one. */
  channel: z.string().min(1).max(40).optional(),
  language: z.enum(['ro', 'ru', 'en']).optional(),
  subject: z.string().max(300).optional(),
  body: z.string().trim().min(1).max(4096),
});
type Params = z.infer<typeof params>;

/**
 * Renders a message template (@consult-crm/templates: merge fields, helpers) for the event's contact and card, and
 * queues it on the contact's conversation through the conversations outbound path (outbox → provider, retried).
 */
@Injectable()
export class SendTemplateAction implements AutomationAction<Params> {
  readonly type = 'send_template';
  readonly description = 'Send a message template to the contact on a channel';
  readonly params = params;
  readonly needs = ['contact'] as const;

  constructor(
    registry: AutomationActionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbound: OutboundMessagesService,
    private readonly repository: AutomationRepository,
  ) {
    registry.register(this);
  }

  async validate(p: Params): Promise<Record<string, string>> {
    try {
      compileTemplate(this.sourceOf(p, p.channel === 'email' ? 'email' : 'messenger'));
      return {};
    } catch (error) {
      if (error instanceof TemplateCompileError) return { body: error.message };
      throw error;
    }
  }

  async run(p: Params, { facts }: ActionContext) {
    const contact = facts.contact!;
    const conversation =
      facts.message && (!p.channel || p.channel === facts.message.channel)
        ? { id: facts.message.conversationId, channel: facts.message.channel }
        : await this.repository.latestConversationOf(contact.id, p.channel);
    if (!conversation)
      throw new Error(
        `${contact.displayName} has no open conversation${p.channel ? ` on ${p.channel}` : ''} to write to.`,
      );
    const source = this.sourceOf(p, conversation.channel === 'email' ? 'email' : 'messenger');
    const rendered = compileTemplate(source).render(await this.mergeContext(facts), {
      locale: p.language ?? source.locale,
      timeZone: this.config.locale.timeZone,
    });
    const subject =
      conversation.channel === 'email' && rendered.subject ? { subject: rendered.subject.slice(0, 300) } : {};
    const { message } = await this.outbound.queue(
      conversation.id,
      { text: rendered.text.slice(0, 4096), ...subject },
      null,
    );
    return {
      conversationId: conversation.id,
      messageId: message.id,
      templateId: p.templateId ?? null,
      missingFields: rendered.missingFields,
    };
  }

  private sourceOf(p: Params, channel: Channel): TemplateSource {
    return { channel, format: 'text', body: p.body, subject: p.subject, locale: p.language };
  }

  private async mergeContext(facts: Facts): Promise<MergeContext> {
    const contact = facts.contact!;
    const consultant = facts.card?.responsibleUserId
      ? await this.repository.userById(facts.card.responsibleUserId)
      : undefined;
    return {
      contact: {
        firstName: contact.firstName ?? '',
        lastName: contact.lastName ?? '',
        fullName: contact.displayName,
        phone: '',
        email: contact.email ?? '',
        locality: contact.locality ?? '',
        activityType: contact.activityType ?? '',
        language: contact.language,
        customFields: contact.customFields,
      },
      consultation: facts.card
        ? {
            id: facts.card.id,
            title: facts.card.title,
            pipeline: '',
            stage: facts.stage?.name ?? '',
            instruments: facts.card.instruments,
            programApplied: facts.card.programApplied ?? undefined,
            budget: facts.card.budget ?? undefined,
          }
        : undefined,
      consultant: consultant
        ? {
            fullName: consultant.fullName,
            firstName: consultant.fullName.split(' ')[0] ?? '',
            email: consultant.email,
            phone: consultant.phone ?? '',
            photoUrl: consultant.photoUrl ?? '',
            signatureHtml: consultant.signatureHtml ?? '',
            signatureText: '',
            department: '',
          }
        : undefined,
      centre: { name: '', address: '', phone: '', website: this.config.http.publicUrl ?? '' },
      now: new Date(),
    };
  }
}
