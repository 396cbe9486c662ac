import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { LocalAttachmentStore } from './attachment-store.js';
import type { ConversationRow, MessageRow, StoredAttachment } from './conversations.schema.js';
import { ConversationsRepository } from './conversations.repository.js';
import type { SendMessageDto } from './conversations.dto.js';
import { toMessageView, type MessageView } from './message-view.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';
import { OutboxRepository } from './outbox.repository.js';

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

  async storeUpload(file: {
    buffer: Buffer;
    originalname: string;
    mimetype: string;
    size: number;
  }): Promise<StoredAttachment> {
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
    });
    const preview = dto.text?.slice(0, 140) ?? `[${attachments.map((a) => a.kind).join(', ')}]`;
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
