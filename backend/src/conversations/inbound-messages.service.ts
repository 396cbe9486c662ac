import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryStatusUpdate, DeliveryWatermark, NormalizedAttachment } from '@consult-crm/integrations';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { LocalAttachmentStore } from './attachment-store.js';
import { ConversationEvents } from './conversation-events.js';
import type {
  ChannelAccountRow,
  ConversationRow,
  MessageRow,
  OutboxRow,
  StoredAttachment,
} from './conversations.schema.js';
import { needsAttachmentFetch, previewOf } from './inbound-message-content.js';
import { ConversationsRepository } from './conversations.repository.js';
import { CrmBridge, type SenderIdentity } from './crm-bridge.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';
import { OutboxRepository } from './outbox.repository.js';

/** One inbound message, whatever the channel (provider webhooks, the web chat). */
export type InboundMessage = {
  channel: string;
  providerMessageId: string;
  providerChatId: string;
  sender: Omit<SenderIdentity, 'channel'>;
  /** E-mail only. */
  subject?: string;
  /** E-mail only: root of the Message-ID chain, kept so a reply can be threaded. */
  threadRef?: string;
  text?: string;
  attachments: NormalizedAttachment[];
  sentAt: Date;
};

/** A message stored by this transaction, with what to do once it commits. */
export type StoredInbound = {
  duplicate: false;
  messageId: string;
  conversation: ConversationRow;
  message: MessageRow;
  outboxRow?: OutboxRow;
};

export type IngestResult = {
  duplicate: boolean;
  messageId: string;
  conversation?: ConversationRow;
  message?: MessageRow;
};

const SYSTEM_ACTOR = { userId: null, label: 'messaging' };

/**
 * Stores what customers write: contact, conversation, card, assignment, consult task, timeline and the message in
 * one transaction, idempotent on the provider's message id; the assignee is told after the commit.
 */
@Injectable()
export class InboundMessagesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly conversations: ConversationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly crm: CrmBridge,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly events: ConversationEvents,
    private readonly store: LocalAttachmentStore,
    private readonly domainEvents: DomainEvents,
  ) {}

  async ingest(
    account: ChannelAccountRow,
    inbound: InboundMessage,
    options: { canFetchAttachments: boolean },
  ): Promise<IngestResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ingestOnce(account, inbound, options);
      } catch (error) {
        // Two first messages of one person on two accounts at once: the loser retries and finds the contact.
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private async ingestOnce(
    account: ChannelAccountRow,
    inbound: InboundMessage,
    options: { canFetchAttachments: boolean },
  ): Promise<IngestResult> {
    const outcome = await this.db.transaction(async (tx) => {
      const existing = await this.conversations.lockChatAndFindMessage(
        tx,
        account.id,
        inbound.providerChatId,
        inbound.providerMessageId,
      );
      if (existing) return { duplicate: true as const, messageId: existing };
      return this.storeInTransaction(tx, account, inbound, { ...options, createdAt: new Date() });
    });
    if (outcome.duplicate) {
      this.logger.debug(
        { channelAccountId: account.id, messageId: outcome.messageId },
        'duplicate inbound message ignored',
      );
      return outcome;
    }
    this.afterCommit(outcome);
    this.logger.info(
      { conversationId: outcome.conversation.id, messageId: outcome.message.id, channel: inbound.channel },
      'inbound message stored',
    );
    return {
      duplicate: false,
      messageId: outcome.messageId,
      conversation: outcome.conversation,
      message: outcome.message,
    };
  }

  /** After the commit: the desk sees the message, its attachment download starts. */
  afterCommit(outcome: StoredInbound): void {
    this.events.message(outcome.conversation, outcome.message);
    if (outcome.outboxRow) this.dispatcher.dispatchSoon(outcome.outboxRow);
  }

  /**
   * Everything one message creates and updates (contact, conversation, card, task, message, timeline, domain event),
   * inside the caller's transaction, which holds the chat's lock and has checked the message is not stored yet.
   */
  async storeInTransaction(
    tx: DatabaseExecutor,
    account: ChannelAccountRow,
    inbound: InboundMessage,
    options: { canFetchAttachments: boolean; createdAt: Date },
  ): Promise<StoredInbound> {
    const contact = await this.crm.resolveContact(tx, { ...inbound.sender, channel: inbound.channel }, inbound.channel);
    let conversation = await this.conversations.openConversation(tx, account.id, inbound.providerChatId);
    // The assignment rules run when a conversation starts; later the conversation keeps its (re)assigned owner.
    let assignee = conversation ? conversation.assigneeUserId : null;
    if (!conversation)
      assignee = await this.crm.pickResponsible(tx, {
        channelAccountId: account.id,
        accountDefault: account.defaultResponsibleUserId,
        contactResponsible: contact.responsibleUserId,
        departmentId: account.departmentId,
      });
    const card = await this.crm.cardFor(tx, {
      contactId: contact.contactId,
      currentCardId: conversation?.cardId,
      createIfNone: account.createCardForNewContacts,
      title: `${contact.displayName} — ${account.name}`,
      source: inbound.channel,
      responsibleUserId: assignee,
      departmentId: account.departmentId,
    });
    if (!conversation) {
      conversation = await this.conversations.insertConversation(tx, {
        contactId: contact.contactId,
        channel: inbound.channel,
        channelAccountId: account.id,
        providerChatId: inbound.providerChatId,
        assigneeUserId: assignee,
        cardId: card?.cardId ?? null,
        lastMessageAt: inbound.sentAt,
      });
      await this.audit.record(
        {
          action: 'create',
          entityType: 'conversation',
          entityId: conversation.id,
          after: conversation,
          actor: SYSTEM_ACTOR,
        },
        tx,
      );
    } else if (
      conversation.assigneeUserId !== assignee ||
      conversation.cardId !== (card?.cardId ?? conversation.cardId)
    ) {
      conversation = await this.conversations.updateConversation(tx, conversation.id, {
        assigneeUserId: assignee,
        cardId: card?.cardId ?? conversation.cardId,
      });
    }
    await this.crm.setContactResponsibleIfNone(tx, contact.contactId, contact.responsibleUserId, assignee);

    const attachments = await this.storeInlineAttachments(inbound);
    const preview = previewOf(inbound.text, attachments);
    const stored = await this.conversations.insertInboundMessage(
      tx,
      {
        conversationId: conversation.id,
        channelAccountId: account.id,
        direction: 'in',
        providerMessageId: inbound.providerMessageId,
        subject: inbound.subject ?? null,
        threadRef: inbound.threadRef ?? null,
        text: inbound.text ?? null,
        attachments,
        status: 'received',
        createdAt: options.createdAt,
        sentAt: inbound.sentAt,
      },
      preview,
    );
    const message = stored.message;
    conversation = stored.conversation;
    await this.crm.ensureConsultTask(tx, {
      contactId: contact.contactId,
      cardId: conversation.cardId,
      assigneeUserId: assignee,
      title: `Reply to the ${inbound.channel} message from ${contact.displayName}`,
    });
    await this.timeline.append(tx, {
      kind: 'message_in',
      contactId: contact.contactId,
      cardId: conversation.cardId,
      occurredAt: message.createdAt,
      actorUserId: null,
      refType: 'message',
      refId: message.id,
      summary: { channel: inbound.channel, conversationId: conversation.id, preview },
    });
    await this.domainEvents.publish(tx, 'message.received', {
      channel: inbound.channel,
      channelAccountId: account.id,
      conversationId: conversation.id,
      contactId: contact.contactId,
      cardId: conversation.cardId,
      messageId: message.id,
    });
    const outboxRow = needsAttachmentFetch(options.canFetchAttachments, attachments)
      ? await this.outbox.insert(tx, OUTBOX_KINDS.fetchAttachments, { messageId: message.id })
      : undefined;
    return { duplicate: false as const, messageId: message.id, conversation, message, outboxRow };
  }

  /** Bytes that came with the message (e-mail) go to the attachment store; the row keeps only their storage key. */
  private async storeInlineAttachments(inbound: InboundMessage): Promise<StoredAttachment[]> {
    const month = new Date().toISOString().slice(0, 7);
    return Promise.all(
      inbound.attachments.map(async ({ content, ...attachment }, index) => {
        if (!content) return { ...attachment };
        const storageKey = `inbound/${month}/${randomUUID()}-${index}`;
        await this.store.put(storageKey, content);
        return { ...attachment, storageKey, sizeBytes: content.length };
      }),
    );
  }

  async applyStatuses(
    account: ChannelAccountRow,
    statuses: DeliveryStatusUpdate[],
    watermarks: DeliveryWatermark[] = [],
  ): Promise<void> {
    for (const update of statuses) {
      const row = await this.conversations.applyStatus(
        account.id,
        update.providerMessageId,
        update.status,
        update.at,
        update.error,
      );
      if (row) await this.notifyStatus(row);
    }
    for (const mark of watermarks)
      for (const row of await this.conversations.applyWatermark(
        account.id,
        mark.providerChatId,
        mark.status,
        mark.upTo,
      ))
        await this.notifyStatus(row);
  }

  private async notifyStatus(message: MessageRow): Promise<void> {
    const conversation = await this.conversations.findById(message.conversationId);
    if (conversation) this.events.status(conversation, message);
  }
}
