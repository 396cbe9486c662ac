import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ContactConsentService } from '../contacts/contact-consent.service.js';
import type { OutboxRow } from '../conversations/conversations.schema.js';
import { OutboundMessagesService } from '../conversations/outbound-messages.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import type { DomainEvent } from '../domain-events/domain-event-types.js';
import { DomainEventsRepository } from '../domain-events/domain-events.repository.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { smsKeywordIntent } from './sms-keywords.js';

/**
 * SMS opt-out and opt-in keywords (STOP, DEZABONARE, СТОП… / START, UNSTOP…): a consumer of the durable
 * `message.received` event, so the inbound transaction is untouched. The contact's `consent.sms` is set (audited, on
 * the timeline) and, when configured, a confirmation is queued on the same conversation — in one transaction, once
 * per inbound message (a redelivered event changes nothing and sends nothing).
 */
@Injectable()
export class SmsKeywordSubscriber implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly events: DomainEvents,
    private readonly eventKeys: DomainEventsRepository,
    private readonly repository: CampaignsRepository,
    private readonly consent: ContactConsentService,
    private readonly outbound: OutboundMessagesService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('sms-keywords', ['message.received'], (event) => this.handle(event));
  }

  async handle(event: DomainEvent<'message.received'>): Promise<void> {
    if (event.data.channel !== 'sms') return;
    const message = await this.repository.inboundMessage(event.data.messageId);
    const intent = smsKeywordIntent(message?.text);
    if (!message || !intent) return;
    const reply = intent === 'opt_out' ? this.config.campaigns.smsOptOutReply : this.config.campaigns.smsOptInReply;
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await this.eventKeys.claimKey(tx, `sms-keyword:${event.data.messageId}`))) return undefined;
      const changed = await this.consent.change(tx, {
        contactId: message.contactId,
        flag: 'sms',
        value: intent === 'opt_in',
        source: `sms keyword: ${message.text!.trim().slice(0, 40)}`,
        via: 'sms_keyword',
        actorLabel: 'sms-keyword',
        cardId: message.cardId,
        refType: 'message',
        refId: event.data.messageId,
        details: { keyword: message.text!.trim().slice(0, 40), channelAccountId: message.channelAccountId },
      });
      let outbox: OutboxRow | undefined;
      if (reply)
        ({ outbox } = await this.outbound.queueToContact(tx, {
          contactId: message.contactId,
          cardId: message.cardId,
          channelAccountId: message.channelAccountId,
          channel: 'sms',
          providerChatId: message.providerChatId,
          text: reply,
          userId: null,
        }));
      return { changed, outbox };
    });
    if (outcome?.outbox) this.outbound.dispatch(outcome.outbox);
    if (outcome)
      this.logger.info(
        { contactId: message.contactId, messageId: event.data.messageId, intent, changed: outcome.changed },
        'sms keyword',
      );
  }
}
