import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  AutomationActionRegistry,
  type ActionContext,
  type AutomationAction,
} from '../automation/automation-action.registry.js';
import { MessageTemplatesService } from '../message-templates/message-templates.service.js';
import { TemplateSendsService } from './template-sends.service.js';

const params = z.strictObject({
  templateId: z.uuid(),
  /** The account to send from; default: the first active account of the template's channel that reaches the contact. */
  channelAccountId: z.uuid().optional(),
});
type Params = z.infer<typeof params>;

/**
 * Automation action "send a stored template": the template library's template, rendered with the contact's and
 * card's full merge data, sent like a send from the card (consent checked, on the thread and timeline, outbox).
 */
@Injectable()
export class SendStoredTemplateAction implements AutomationAction<Params> {
  readonly type = 'send_stored_template';
  readonly description = 'Send a template from the template library to the contact';
  readonly params = params;
  readonly needs = ['contact'] as const;

  constructor(
    registry: AutomationActionRegistry,
    private readonly sends: TemplateSendsService,
    private readonly templates: MessageTemplatesService,
  ) {
    registry.register(this);
  }

  async validate(p: Params): Promise<Record<string, string>> {
    const template = await this.templates.get(p.templateId).catch(() => undefined);
    if (!template) return { templateId: 'No template has this id: pick one from Settings → Templates.' };
    if (!template.active) return { templateId: 'This template is switched off: activate it or pick another one.' };
    return {};
  }

  async run(p: Params, { facts }: ActionContext) {
    const message = await this.sends.send(
      facts.contact!.id,
      { templateId: p.templateId, channelAccountId: p.channelAccountId, cardId: facts.card?.id },
      null,
    );
    return { templateId: p.templateId, messageId: message.id, conversationId: message.conversationId };
  }
}
