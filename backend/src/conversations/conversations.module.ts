import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { LocalAttachmentStore } from './attachment-store.js';
import { ConversationJobsWorker } from './attachment-fetch.worker.js';
import { ChannelAccountsController } from './channel-accounts.controller.js';
import { ChannelAccountsRepository } from './channel-accounts.repository.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { ChannelAdapters } from './channel-adapters.js';
import { ConversationEvents } from './conversation-events.js';
import { ConversationTypingGateway } from './conversation-typing.gateway.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsMergeParticipant } from './conversations-merge.participant.js';
import { ConversationsRepository } from './conversations.repository.js';
import { CrmBridge } from './crm-bridge.js';
import { CrmBridgeRepository } from './crm-bridge.repository.js';
import { EmailInboxPoller } from './email-inbox-poller.js';
import { EmailInboxRepository } from './email-inbox.repository.js';
import { InboundBatchIngestion } from './inbound-batch-ingestion.js';
import { InboundBatchProcessor } from './inbound-batch-processor.js';
import { InboundBatchRepository } from './inbound-batch.repository.js';
import { InboundDeliveriesRepository } from './inbound-deliveries.repository.js';
import { InboundDeliveryAcceptor } from './inbound-delivery-acceptor.js';
import { InboundMessagesService } from './inbound-messages.service.js';
import { InboxService } from './inbox.service.js';
import { MessageAttachmentsService } from './message-attachments.service.js';
import { MessageDeliveryWorker } from './message-delivery.worker.js';
import { OutboundMessagesService } from './outbound-messages.service.js';
import { SendRateLimiter } from './send-rate-limiter.js';
import { ViberBusinessController } from './viber-business.controller.js';
import { ViberBusinessService } from './viber-business.service.js';
import { WebhookReceiver } from './webhook-receiver.js';
import { WebhooksController } from './webhooks.controller.js';

/** Messaging channels: accounts, webhooks, conversations, outbound delivery through the outbox (provided app-wide by DomainEventsModule). */
@Module({
  imports: [ContactsModule],
  controllers: [WebhooksController, ConversationsController, ChannelAccountsController, ViberBusinessController],
  providers: [
    ChannelAdapters,
    ChannelAccountsRepository,
    ChannelAccountsService,
    ConversationsRepository,
    CrmBridgeRepository,
    CrmBridge,
    ConversationEvents,
    InboundMessagesService,
    InboundDeliveriesRepository,
    InboundDeliveryAcceptor,
    InboundBatchRepository,
    InboundBatchIngestion,
    InboundBatchProcessor,
    WebhookReceiver,
    OutboundMessagesService,
    InboxService,
    MessageAttachmentsService,
    LocalAttachmentStore,
    SendRateLimiter,
    MessageDeliveryWorker,
    ConversationJobsWorker,
    ConversationTypingGateway,
    ViberBusinessService,
    ConversationsMergeParticipant,
    EmailInboxRepository,
    EmailInboxPoller,
  ],
  exports: [
    ChannelAdapters,
    ConversationEvents,
    ChannelAccountsService,
    InboundMessagesService,
    InboundBatchProcessor,
    InboundDeliveriesRepository,
    OutboundMessagesService,
    InboxService,
    CrmBridge,
    ConversationsRepository,
    LocalAttachmentStore,
  ],
})
export class ConversationsModule {}
