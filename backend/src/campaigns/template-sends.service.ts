import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import { ConsultationCardsService } from '../consultations/consultation-cards.service.js';
import { ChannelAccountsService, type ChannelAccountView } from '../conversations/channel-accounts.service.js';
import type { ChannelAccountRow } from '../conversations/conversations.schema.js';
import { toMessageView, type MessageView } from '../conversations/message-view.js';
import { OutboundMessagesService } from '../conversations/outbound-messages.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { MergeContextBuilder, type MergeResult } from '../message-templates/merge-context.builder.js';
import type { MessageTemplateRow } from '../message-templates/message-templates.schema.js';
import { MessageTemplatesService } from '../message-templates/message-templates.service.js';
import { CampaignMessageComposer } from './campaign-message.composer.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { consentKeyOf, hasOptedOut, templateChannelOf } from './consent-policy.js';
import { addressOn } from './recipient-address.js';
import type { TemplateSendDto } from './template-sends.dto.js';
import { TrackingTokens } from './tracking-tokens.js';

const CONSENT_WORDS: Record<string, string> = { email: 'e-mail', sms: 'SMS', messengers: 'messenger' };

/**
 * One template to one contact, through the conversations outbound path: the message lands on the contact's thread
 * and timeline, and gets the outbox's durability, the account's rate limit and retries.
 */
@Injectable()
export class TemplateSendsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly templates: MessageTemplatesService,
    private readonly merge: MergeContextBuilder,
    private readonly composer: CampaignMessageComposer,
    private readonly accounts: ChannelAccountsService,
    private readonly outbound: OutboundMessagesService,
    private readonly cards: ConsultationCardsService,
    private readonly repository: CampaignsRepository,
    private readonly audit: AuditService,
    private readonly tokens: TrackingTokens,
  ) {}

  async fromCard(cardId: string, dto: TemplateSendDto, user: AuthenticatedUser): Promise<MessageView> {
    const card = await this.cards.getVisible(cardId, user);
    return this.send(card.contactId, { ...dto, cardId }, user);
  }

  /** `user` is null when the system sends (an automation rule): the message then has no author. */
  async send(contactId: string, dto: TemplateSendDto, user: AuthenticatedUser | null): Promise<MessageView> {
    const template = await this.templates.get(dto.templateId);
    if (!template.active)
      throw ApiError.unprocessable(
        'template_inactive',
        'This template is switched off; activate it or choose another one.',
      );
    const merge = await this.merge.build({ contactId, cardId: dto.cardId });
    const identities = async (channel: string) =>
      (await this.repository.identities([contactId], channel)).get(contactId);
    const { account, address } = await this.route(template, merge, dto.channelAccountId, identities);
    const consent = await this.repository.contactConsent(this.db, contactId);
    if (hasOptedOut(consent?.consent, account.channel, false)) {
      const what = CONSENT_WORDS[consentKeyOf(account.channel)];
      throw ApiError.unprocessable(
        'contact_opted_out',
        `This contact has opted out of ${what} messages; nothing was sent. Record their new consent on the contact first if they asked to hear from you again.`,
        undefined,
        { channel: account.channel },
      );
    }
    // An e-mail is tracked like a campaign mail (pixel, click redirects, unsubscribe link) when PUBLIC_URL is set:
    // its tracking row (a campaign recipient without campaign) is written with the message.
    const base = this.tokens.baseUrl;
    const trackingId = template.channel === 'email' && base && dto.track !== false ? randomUUID() : undefined;
    const links = trackingId && base ? this.tokens.links(trackingId, base) : undefined;
    const composed = this.composer.compose(template, merge, links);
    const { message, outbox } = await this.db.transaction(async (tx) => {
      const queued = await this.outbound.queueToContact(tx, {
        contactId,
        cardId: merge.cardId,
        channelAccountId: account.id,
        channel: account.channel,
        providerChatId: address,
        text: composed.text,
        email: composed.email,
        userId: user?.id ?? null,
        assigneeUserId: merge.responsibleUserId ?? user?.id ?? null,
      });
      if (trackingId)
        await this.repository.insertTrackedSend(tx, {
          id: trackingId,
          templateId: template.id,
          taskOnOpen: dto.taskOnOpen ?? false,
          contactId,
          cardId: merge.cardId,
          address,
          state: 'queued',
          messageId: queued.message.id,
          links: composed.links,
          queuedAt: new Date(),
        });
      await this.audit.record(
        {
          action: 'template.send',
          entityType: 'message',
          entityId: queued.message.id,
          after: {
            templateId: template.id,
            contactId,
            cardId: merge.cardId,
            channelAccountId: account.id,
            ...(trackingId ? { trackingId, taskOnOpen: dto.taskOnOpen ?? false } : {}),
          },
        },
        tx,
      );
      return queued;
    });
    this.outbound.dispatch(outbox);
    return toMessageView(message);
  }

  /** The account to send from and the contact's address on it. */
  private async route(
    template: MessageTemplateRow,
    merge: MergeResult,
    channelAccountId: string | undefined,
    identityOn: (channel: string) => Promise<string | undefined>,
  ): Promise<{ account: ChannelAccountRow | ChannelAccountView; address: string }> {
    const candidates: (ChannelAccountRow | ChannelAccountView)[] = channelAccountId
      ? [await this.accounts.get(channelAccountId)]
      : (await this.accounts.list()).filter((a) => a.active && templateChannelOf(a.channel) === template.channel);
    if (channelAccountId && templateChannelOf(candidates[0].channel) !== template.channel)
      throw ApiError.validation({
        channelAccountId: `This is a ${candidates[0].channel} account; the template is for ${template.channel}.`,
      });
    if (channelAccountId && !candidates[0].active)
      throw ApiError.validation({ channelAccountId: 'This channel account is switched off.' });
    if (!candidates.length)
      throw ApiError.unprocessable(
        'no_channel_account',
        `No active ${template.channel} channel account is connected; add one in the settings.`,
      );
    for (const account of candidates) {
      const address = addressOn(account.channel, {
        email: merge.email,
        phone: merge.phone,
        identity: await identityOn(account.channel),
      });
      if (address) return { account, address };
    }
    const what =
      template.channel === 'email'
        ? 'an e-mail address'
        : template.channel === 'sms'
          ? 'a phone number'
          : `an identity on ${candidates.map((a) => a.channel).join(' or ')}`;
    throw ApiError.unprocessable(
      'no_address',
      `This contact has no ${what}; add it to the contact or choose another channel.`,
    );
  }
}
