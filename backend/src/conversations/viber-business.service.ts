import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { ConversationJobsWorker } from './attachment-fetch.worker.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import type { ChannelAccountRow, ConversationRow } from './conversations.schema.js';
import { ConversationsRepository } from './conversations.repository.js';
import { CrmBridgeRepository } from './crm-bridge.repository.js';
import type { ViberBusinessMessageDto } from './conversations.dto.js';
import { toMessageView } from './message-view.js';
import { OutboundMessagesService } from './outbound-messages.service.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';

const SYSTEM_ACTOR = { userId: null, label: 'messaging' };

/**
 * Viber business messages to a number that never wrote to us (`POST /api/contacts/:id/viber-business-message`):
 * sent through the `viber-business` account; a delayed check re-sends the text by SMS when Viber has not
 * delivered it within VIBER_SMS_FALLBACK_MINUTES.
 */
@Injectable()
export class ViberBusinessService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly accounts: ChannelAccountsService,
    private readonly conversations: ConversationsRepository,
    private readonly outbound: OutboundMessagesService,
    private readonly jobs: ConversationJobsWorker,
    private readonly audit: AuditService,
    private readonly crm: CrmBridgeRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register(OUTBOX_KINDS.viberFallbackCheck, (payload) => this.checkDelivery(payload));
  }

  async send(contactId: string, dto: ViberBusinessMessageDto, user: AuthenticatedUser) {
    const account = await this.accounts.firstActiveOfProvider('viber-business');
    if (!account)
      throw ApiError.unprocessable(
        'no_viber_business_account',
        'Connect a Viber business account in the channel settings first.',
      );
    const phone = await this.crm.primaryPhoneOf(this.db, contactId);
    if (!phone) throw ApiError.unprocessable('contact_without_phone', 'Add a phone number to the contact first.');
    const conversation = await this.conversationFor(account, contactId, phone);
    const { message } = await this.outbound.queue(conversation.id, { text: dto.text }, user.id, {
      delayedCheck: {
        kind: OUTBOX_KINDS.viberFallbackCheck,
        payload: { smsText: dto.smsText ?? dto.text, contactId, phone },
        at: new Date(Date.now() + this.config.messaging.viberSmsFallbackMinutes * 60_000),
      },
    });
    return toMessageView(message);
  }

  /** The delayed job: undelivered Viber message → the same text by SMS. */
  private async checkDelivery(payload: Record<string, unknown>): Promise<void> {
    const message = await this.conversations.findMessage(String(payload.messageId));
    if (!message || message.status === 'delivered' || message.status === 'read') return;
    const sms = await this.accounts.firstActiveOfProvider('twilio').then((a) => (a?.channel === 'sms' ? a : undefined));
    if (!sms) {
      this.logger.warn({ messageId: message.id }, 'Viber message undelivered and no SMS account for the fallback');
      return;
    }
    const conversation = await this.conversationFor(sms, String(payload.contactId), String(payload.phone));
    const queued = await this.outbound.queue(conversation.id, { text: String(payload.smsText) }, message.sentByUserId);
    await this.audit.record({
      action: 'message.sms_fallback',
      entityType: 'message',
      entityId: message.id,
      after: { smsMessageId: queued.message.id },
      actor: SYSTEM_ACTOR,
    });
    this.logger.info(
      { messageId: message.id, smsMessageId: queued.message.id },
      'Viber message undelivered; sent by SMS',
    );
  }

  private conversationFor(account: ChannelAccountRow, contactId: string, phone: string): Promise<ConversationRow> {
    return this.db.transaction(async (tx) => {
      await this.conversations.lockChat(tx, account.id, phone);
      const open = await this.conversations.openConversation(tx, account.id, phone);
      if (open) return open;
      const row = await this.conversations.insertConversation(tx, {
        contactId,
        channel: account.channel,
        channelAccountId: account.id,
        providerChatId: phone,
        assigneeUserId: account.defaultResponsibleUserId,
      });
      await this.audit.record({ action: 'create', entityType: 'conversation', entityId: row.id, after: row }, tx);
      return row;
    });
  }
}
