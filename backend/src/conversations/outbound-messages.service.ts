import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { LocalAttachmentStore } from './attachment-store.js';
import type { ConversationRow, MessageRow, OutboxRow, StoredAttachment } from './conversations.schema.js';
import { ConversationsRepository } from './conversations.repository.js';
import type { SendMessageDto } from './conversations.dto.js';
import { toMessageView, type MessageView } from './message-view.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';
import { OutboxRepository } from './outbox.repository.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

/** E-mail parts of an outbound message besides its text. */
export type OutboundEmailParts = { subject?: string; html?: string; headers?: Record<string, string> };

export type OutboundToContact = {
  contactId: string;
  cardId?: string | null;
  channelAccountId: string;
  /** The account's channel (`email`, `sms`, `telegram`…). */
  channel: string;
  /** E-mail address, E.164 phone number or the contact's id on the messenger. */
  providerChatId: string;
  text: string;
  email?: OutboundEmailParts;
  userId: string | null;
  assigneeUserId?: string | null;
  /** A new conversation starts closed (mass sends: on the contact's threads, not in everyone's inbox; a reply opens a new one). */
  startClosed?: boolean;
};

/**
 * Replies from the desk: the message (queued) and its outbox row are written in one transaction and the caller gets
 * 202 at once; the outbound-messages worker sends it through the channel's adapter.
 */
@Injectable()
export class OutboundMessagesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly conversations: ConversationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly store: LocalAttachmentStore,
  ) {}

  async send(conversationId: string, dto: SendMessageDto, user: AuthenticatedUser | null): Promise<MessageView> {
    const { message } = await this.queue(conversationId, dto, user?.id ?? null);
    return toMessageView(message);
  }

  /** Writes the queued message and its outbox row; used by the desk, the web chat and the Viber→SMS fallback. */
  async queue(
    conversationId: string,
    dto: SendMessageDto,
    userId: string | null,
    extra: { delayedCheck?: { kind: string; payload: Record<string, unknown>; at: Date } } = {},
  ): Promise<{ message: MessageRow; conversation: ConversationRow }> {
    const result = await this.db.transaction(async (tx) => {
      const conversation = await this.conversations.findById(conversationId, tx);
      if (!conversation) throw ApiError.notFound('Conversation', conversationId);
      const message = await this.insertQueued(tx, conversation, dto, userId);
      const row = await this.outbox.insert(tx, OUTBOX_KINDS.sendMessage, { messageId: message.id });
      const check = extra.delayedCheck
        ? await this.outbox.insert(
            tx,
            extra.delayedCheck.kind,
            { ...extra.delayedCheck.payload, messageId: message.id },
            extra.delayedCheck.at,
          )
        : undefined;
      return { conversation, message, rows: check ? [row, check] : [row] };
    });
    for (const row of result.rows) this.dispatcher.dispatchSoon(row);
    return { message: result.message, conversation: result.conversation };
  }

  /**
   * A message to a contact on an account, inside the caller's transaction (template sends, campaigns): the contact's
   * open conversation on that account and address is reused, else one is opened. Call `dispatch(outbox)` after commit.
   */
  async queueToContact(
    tx: DatabaseExecutor,
    input: OutboundToContact,
  ): Promise<{ message: MessageRow; conversation: ConversationRow; outbox: OutboxRow }> {
    await this.conversations.lockChat(tx, input.channelAccountId, input.providerChatId);
    let conversation = await this.conversations.openConversation(tx, input.channelAccountId, input.providerChatId);
    if (conversation && conversation.contactId !== input.contactId)
      throw ApiError.conflict(
        'address_of_other_contact',
        'This address is in an open conversation with another contact; merge the contacts or close that conversation first.',
      );
    if (!conversation) {
      conversation = await this.conversations.insertConversation(tx, {
        contactId: input.contactId,
        channel: input.channel,
        channelAccountId: input.channelAccountId,
        providerChatId: input.providerChatId,
        cardId: input.cardId ?? null,
        assigneeUserId: input.assigneeUserId ?? null,
        ...(input.startClosed ? { status: 'closed' as const, closedAt: new Date() } : {}),
      });
      await this.audit.record(
        { action: 'create', entityType: 'conversation', entityId: conversation.id, after: conversation },
        tx,
      );
    }
    const message = await this.insertQueued(tx, conversation, { text: input.text }, input.userId, input.email);
    const outbox = await this.outbox.insert(tx, OUTBOX_KINDS.sendMessage, { messageId: message.id });
    return { message, conversation, outbox };
  }

  /** Hands committed outbox rows to the queue (best effort; the sweeper covers the rest). */
  dispatch(...rows: OutboxRow[]): void {
    for (const row of rows) this.dispatcher.dispatchSoon(row);
  }

  async storeUpload(file: UploadedBlob): Promise<StoredAttachment> {
    const storageKey = `outbound/${new Date().toISOString().slice(0, 7)}/${randomUUID()}`;
    await this.store.put(storageKey, file.buffer);
    return {
      kind: file.mimetype.startsWith('image/') ? 'image' : 'file',
      fileName: file.originalname,
      mimeType: file.mimetype,
      sizeBytes: file.size,
      storageKey,
    };
  }

  private async insertQueued(
    tx: DatabaseExecutor,
    conversation: ConversationRow,
    dto: SendMessageDto,
    userId: string | null,
    email?: OutboundEmailParts,
  ): Promise<MessageRow> {
    const attachments: StoredAttachment[] = (dto.attachments ?? []).map((a) => ({
      kind: a.kind ?? (a.mimeType?.startsWith('image/') ? 'image' : 'file'),
      ...a,
    }));
    const message = await this.conversations.insertMessage(tx, {
      conversationId: conversation.id,
      channelAccountId: conversation.channelAccountId,
      direction: 'out',
      subject: dto.subject ?? null,
      text: dto.text ?? null,
      attachments,
      status: 'queued',
      sentByUserId: userId,
      createdAt: new Date(),
      ...(email ? { subject: email.subject ?? null, html: email.html ?? null, headers: email.headers ?? null } : {}),
    });
    const preview = (email?.subject ?? dto.text)?.slice(0, 140) ?? `[${attachments.map((a) => a.kind).join(', ')}]`;
    await this.conversations.touchForOutbound(tx, conversation.id, message.createdAt, preview);
    await this.timeline.append(tx, {
      kind: 'message_out',
      contactId: conversation.contactId,
      cardId: conversation.cardId,
      occurredAt: message.createdAt,
      actorUserId: userId,
      refType: 'message',
      refId: message.id,
      summary: { channel: conversation.channel, conversationId: conversation.id, preview },
    });
    await this.audit.record(
      {
        action: 'create',
        entityType: 'message',
        entityId: message.id,
        after: { conversationId: conversation.id, direction: 'out', attachments: attachments.length },
      },
      tx,
    );
    return message;
  }
}
