import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  AutomationActionRegistry,
  type ActionContext,
  type AutomationAction,
} from '../automation/automation-action.registry.js';
import { MailchimpRepository } from './mailchimp.repository.js';
import { MailchimpService } from './mailchimp.service.js';

const params = z.strictObject({ audienceId: z.uuid() });
type Params = z.infer<typeof params>;

/**
 * Automation action "subscribe in Mailchimp": pins the contact to a connected audience and queues its sync (tags from
 * stages, instruments and segments). Consent still rules: a contact without e-mail consent is not subscribed.
 */
@Injectable()
export class SubscribeInMailchimpAction implements AutomationAction<Params> {
  readonly type = 'subscribe_mailchimp';
  readonly description = 'Subscribe the contact to a Mailchimp audience';
  readonly params = params;
  readonly needs = ['contact'] as const;

  constructor(
    registry: AutomationActionRegistry,
    private readonly mailchimp: MailchimpService,
    private readonly audiences: MailchimpRepository,
  ) {
    registry.register(this);
  }

  async validate(p: Params): Promise<Record<string, string>> {
    return (await this.audiences.findAudience(p.audienceId))
      ? {}
      : { audienceId: 'No connected Mailchimp audience has this id: connect it under Settings → Mailchimp first.' };
  }

  async run(p: Params, { facts }: ActionContext) {
    const contact = facts.contact!;
    if (!(await this.audiences.findAudience(p.audienceId)))
      throw new Error(`The Mailchimp audience ${p.audienceId} is no longer connected`);
    await this.mailchimp.subscribeContact(p.audienceId, contact.id, 'automation');
    return { audienceId: p.audienceId, contactId: contact.id };
  }
}
