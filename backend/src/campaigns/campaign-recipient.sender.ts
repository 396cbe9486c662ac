import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { ChannelAccountRow, OutboxRow } from '../conversations/conversations.schema.js';
import { OutboundMessagesService } from '../conversations/outbound-messages.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { MergeContextBuilder } from '../message-templates/merge-context.builder.js';
import type { MessageTemplateRow } from '../message-templates/message-templates.schema.js';
import { CampaignMessageComposer } from './campaign-message.composer.js';
import { CampaignsRepository } from './campaigns.repository.js';
import type { CampaignRow } from './campaigns.schema.js';
import { hasOptedOut } from './consent-policy.js';
import { TrackingTokens } from './tracking-tokens.js';

export type SendContext = {
  campaign: CampaignRow;
  account: ChannelAccountRow;
  template: MessageTemplateRow;
  variants: MessageTemplateRow[];
};
export type SendOutcome = 'queued' | 'skipped' | 'not_pending';

/**
 * Sends one pending recipient: in one transaction the recipient row is locked, consent checked again, the message
 * rendered and queued (message + outbox row) and the row marked queued — so a crash or a second worker can never
 * send anyone twice, and nothing accepted is lost.
 */
@Injectable()
export class CampaignRecipientSender {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: CampaignsRepository,
    private readonly merge: MergeContextBuilder,
    private readonly composer: CampaignMessageComposer,
    private readonly outbound: OutboundMessagesService,
    private readonly tokens: TrackingTokens,
  ) {}

  async send(recipientId: string, ctx: SendContext): Promise<SendOutcome> {
    let outbox: OutboxRow | undefined;
    let outcome: SendOutcome;
    try {
      outcome = await this.db.transaction(async (tx) => {
        const recipient = await this.repository.lockRecipient(tx, recipientId);
        if (!recipient || recipient.state !== 'pending' || !recipient.address) return 'not_pending';
        const contact = await this.repository.contactConsent(tx, recipient.contactId);
        if (!contact || contact.erasedAt || hasOptedOut(contact.consent, ctx.account.channel, true)) {
          await this.repository.updateRecipient(tx, recipient.id, {
            state: 'skipped',
            skipReason: contact?.erasedAt ? 'erased' : 'opted_out',
          });
          return 'skipped';
        }
        const merge = await this.merge.build({ contactId: recipient.contactId, cardId: recipient.cardId }, tx);
        const template = this.composer.variantFor(ctx.template, ctx.variants, merge);
        const base = this.tokens.baseUrl;
        const links = template.channel === 'email' && base ? this.tokens.links(recipient.id, base) : undefined;
        const composed = this.composer.compose(
          template,
          merge,
          links && {
            unsubscribeUrl: links.unsubscribeUrl,
            trackingPixelUrl: ctx.campaign.trackOpens ? links.trackingPixelUrl : undefined,
            clickUrl: ctx.campaign.trackClicks ? links.clickUrl : undefined,
          },
        );
        const queued = await this.outbound.queueToContact(tx, {
          contactId: recipient.contactId,
          cardId: merge.cardId,
          channelAccountId: ctx.account.id,
          channel: ctx.account.channel,
          providerChatId: recipient.address,
          text: composed.text,
          email: composed.email,
          userId: ctx.campaign.createdBy,
          assigneeUserId: merge.responsibleUserId,
          startClosed: true,
        });
        outbox = queued.outbox;
        await this.repository.updateRecipient(tx, recipient.id, {
          state: 'queued',
          messageId: queued.message.id,
          links: composed.links,
          queuedAt: new Date(),
        });
        return 'queued';
      });
    } catch (error) {
      // A problem of this one recipient (a 4xx-kind ApiError) skips them; anything else (database, Redis) retries the tick.
      if (!(error instanceof ApiError) || error.getStatus() >= 500) throw error;
      const code = (error.getResponse() as { error?: string }).error;
      const skipReason = code === 'address_of_other_contact' ? 'address_in_use' : 'unsendable';
      this.logger.warn(
        { campaignId: ctx.campaign.id, recipientId, reason: code, err: error.message },
        'campaign recipient skipped',
      );
      await this.db.transaction((tx) =>
        this.repository.updateRecipient(tx, recipientId, { state: 'skipped', skipReason }),
      );
      return 'skipped';
    }
    if (outbox) this.outbound.dispatch(outbox);
    return outcome;
  }
}
