import { Injectable } from '@nestjs/common';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import type { ChannelAccountRow, ConversationRow, OutboxRow } from './conversations.schema.js';
import {
  InboundBatchRepository,
  type ChatKey,
  type IdentityContact,
  type NewInboundMessage,
} from './inbound-batch.repository.js';
import type { InboundDeliveryRow } from './inbound-deliveries.schema.js';
import { needsAttachmentFetch, previewOf } from './inbound-message-content.js';
import { InboundMessagesService, type InboundMessage, type StoredInbound } from './inbound-messages.service.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';
import { OutboxRepository } from './outbox.repository.js';

/** What one batch stored: the messages in accept order (one desk push each) and the outbox rows to hand over. */
export type StoredBatch = { stored: StoredInbound[]; outboxRows: OutboxRow[] };

type Chat = ChatKey & { account: ChannelAccountRow; deliveries: InboundDeliveryRow[] };
type SteadyContext = {
  conversation: ConversationRow;
  contact: IdentityContact;
  cardId: string | null;
};

/**
 * Stores a batch of accepted deliveries in the caller's transaction. Messages to a chat whose conversation, contact,
 * card and open task already exist (the steady state) are stored with set-based statements for the whole batch;
 * anything that creates something (first message of a chat, a new card or task, a merged contact, a new phone or
 * e-mail) takes the per-message path of InboundMessagesService, chat by chat, before the rest is re-read.
 * Within a chat, messages keep the order they were accepted in.
 */
@Injectable()
export class InboundBatchIngestion {
  constructor(
    private readonly repository: InboundBatchRepository,
    private readonly inbound: InboundMessagesService,
    private readonly domainEvents: DomainEvents,
    private readonly outbox: OutboxRepository,
  ) {}

  async store(
    tx: DatabaseExecutor,
    deliveries: InboundDeliveryRow[],
    accounts: Map<string, ChannelAccountRow>,
  ): Promise<StoredBatch> {
    await this.repository.lockChats(tx, deliveries);
    const stored = await this.repository.storedMessageKeys(tx, deliveries);
    const chats = new Map<string, Chat>();
    for (const delivery of deliveries) {
      const account = accounts.get(delivery.channelAccountId);
      if (!account || stored.has(`${delivery.channelAccountId}|${delivery.providerMessageId}`)) continue;
      const key = `${delivery.channelAccountId}|${delivery.providerChatId}`;
      const chat = chats.get(key) ?? {
        channelAccountId: delivery.channelAccountId,
        providerChatId: delivery.providerChatId,
        account,
        deliveries: [],
      };
      chat.deliveries.push(delivery);
      chats.set(key, chat);
    }
    const result: StoredBatch = { stored: [], outboxRows: [] };
    // The desk orders a conversation's messages by created_at (ms): each message is later than the one before it in
    // its conversation — in this batch, and in the batches before it, whichever process stored them (the
    // conversation's last_message_at is its previous message's created_at).
    const lastAt = new Map<Chat, number>();
    const clockOf = (chat: Chat, lastMessageAt: Date | null | undefined) => {
      const at = Math.max(Date.now(), Math.max(lastAt.get(chat) ?? 0, lastMessageAt?.getTime() ?? 0) + 1);
      lastAt.set(chat, at);
      return new Date(at);
    };
    let pending = [...chats.values()];
    while (pending.length) {
      const { contexts, open } = await this.steadyContexts(tx, pending);
      const slow = pending.filter((chat) => !contexts.has(chat));
      // A chat that needs the per-message path takes it for its next message only: once that message has created
      // the conversation (card, task), the rest of the chat is usually steady again.
      for (const chat of slow)
        result.stored.push(
          await this.inbound.storeInTransaction(tx, chat.account, inboundMessageOf(chat.deliveries[0]), {
            canFetchAttachments: chat.deliveries[0].canFetchAttachments,
            createdAt: clockOf(chat, open.get(chat)?.lastMessageAt),
          }),
        );
      if (slow.length) {
        // What the per-message path created may concern the other chats too: read them again.
        for (const chat of slow) chat.deliveries.shift();
        pending = pending.filter((chat) => chat.deliveries.length);
        continue;
      }
      const steady = await this.storeSteady(tx, pending, contexts, (chat) =>
        clockOf(chat, contexts.get(chat)!.conversation.lastMessageAt),
      );
      result.stored.push(...steady.stored);
      result.outboxRows.push(...steady.outboxRows);
      break;
    }
    return result;
  }

  /**
   * The chats that can take the set-based path, with what it needs (the others are missing from `contexts`), and
   * every chat's open conversation.
   */
  private async steadyContexts(
    tx: DatabaseExecutor,
    chats: Chat[],
  ): Promise<{ contexts: Map<Chat, SteadyContext>; open: Map<Chat, ConversationRow> }> {
    const byKey = new Map(
      (await this.repository.openConversations(tx, chats)).map((c) => [`${c.channelAccountId}|${c.providerChatId}`, c]),
    );
    const open = new Map(
      chats.flatMap((chat) => {
        const conversation = byKey.get(`${chat.channelAccountId}|${chat.providerChatId}`);
        return conversation ? [[chat, conversation] as const] : [];
      }),
    );
    const identities = chats.flatMap((chat) =>
      chat.deliveries.flatMap((d) =>
        d.message.sender.providerUserId
          ? [{ channel: d.message.channel, providerUserId: d.message.sender.providerUserId }]
          : [],
      ),
    );
    const contacts = new Map(
      (await this.repository.contactsByIdentity(tx, identities)).map((c) => [`${c.channel}|${c.providerUserId}`, c]),
    );
    const candidates = new Map<Chat, { conversation: ConversationRow; contact: IdentityContact }>();
    for (const chat of chats) {
      const conversation = open.get(chat);
      if (!conversation) continue;
      let contact: IdentityContact | undefined;
      const fits = chat.deliveries.every(({ message }) => {
        const found = contacts.get(`${message.channel}|${message.sender.providerUserId}`);
        if (!found || found.mergedIntoId || (contact && contact.contactId !== found.contactId)) return false;
        contact = found;
        const email = message.sender.email?.trim().toLowerCase();
        return !(email && !found.email) && !(message.sender.phone && message.channel === 'webchat');
      });
      if (!fits || !contact || contact.contactId !== conversation.contactId) continue;
      // The contact's responsible is set by the first message a conversation's assignee receives.
      if (!contact.responsibleUserId && conversation.assigneeUserId) continue;
      candidates.set(chat, { conversation, contact });
    }
    const contactIds = [...new Set([...candidates.values()].map((c) => c.contact.contactId))];
    const activeCards = await this.repository.activeCards(tx, contactIds);
    const cardIds = [
      ...new Set([...activeCards.values(), ...[...candidates.values()].flatMap((c) => c.conversation.cardId ?? [])]),
    ];
    const openTasks = await this.repository.openTaskOwners(tx, cardIds, contactIds);
    const contexts = new Map<Chat, SteadyContext>();
    for (const [chat, { conversation, contact }] of candidates) {
      const activeCard = activeCards.get(contact.contactId);
      // No active card: the per-message path opens one (when the account creates cards).
      if (!activeCard && chat.account.createCardForNewContacts) continue;
      const cardId = activeCard ?? conversation.cardId;
      const hasOpenTask = cardId ? openTasks.cards.has(cardId) : openTasks.contacts.has(contact.contactId);
      if (!hasOpenTask) continue;
      contexts.set(chat, { conversation, contact, cardId });
    }
    return { contexts, open };
  }

  private async storeSteady(
    tx: DatabaseExecutor,
    chats: Chat[],
    contexts: Map<Chat, SteadyContext>,
    clock: (chat: Chat) => Date,
  ): Promise<StoredBatch> {
    const values: (NewInboundMessage & { preview: string; chat: Chat; delivery: InboundDeliveryRow })[] = [];
    for (const chat of chats) {
      for (const delivery of chat.deliveries) {
        const { message } = delivery;
        const attachments = message.attachments as NewInboundMessage['attachments'];
        values.push({
          conversationId: contexts.get(chat)!.conversation.id,
          channelAccountId: chat.channelAccountId,
          providerMessageId: message.providerMessageId,
          subject: message.subject ?? null,
          threadRef: message.threadRef ?? null,
          text: message.text ?? null,
          attachments,
          createdAt: clock(chat),
          sentAt: new Date(message.sentAt),
          preview: previewOf(message.text, attachments),
          chat,
          delivery,
        });
      }
    }
    const inserted = await this.repository.insertMessages(tx, values);
    const lastOfChat = new Map<Chat, number>();
    values.forEach((v, index) => lastOfChat.set(v.chat, index));
    const updated = await this.repository.advanceConversations(
      tx,
      chats.map((chat) => {
        const last = values[lastOfChat.get(chat)!];
        return {
          id: contexts.get(chat)!.conversation.id,
          lastMessageAt: last.createdAt,
          preview: last.preview,
          newMessages: chat.deliveries.length,
          cardId: contexts.get(chat)!.cardId,
        };
      }),
    );
    const conversationById = new Map(updated.map((c) => [c.id, c]));
    await this.repository.insertTimelineMessages(
      tx,
      values.map((v, index) => ({
        contactId: contexts.get(v.chat)!.contact.contactId,
        cardId: contexts.get(v.chat)!.cardId,
        occurredAt: inserted[index].createdAt,
        messageId: inserted[index].id,
        summary: { channel: v.delivery.message.channel, conversationId: v.conversationId, preview: v.preview },
      })),
    );
    const events = await this.domainEvents.publishMany(
      tx,
      'message.received',
      values.map((v, index) => ({
        channel: v.delivery.message.channel,
        channelAccountId: v.channelAccountId,
        conversationId: v.conversationId,
        contactId: contexts.get(v.chat)!.contact.contactId,
        cardId: contexts.get(v.chat)!.cardId,
        messageId: inserted[index].id,
      })),
    );
    const fetches = await this.outbox.insertMany(
      tx,
      values.flatMap((v, index) =>
        needsAttachmentFetch(v.delivery.canFetchAttachments, v.attachments)
          ? [{ kind: OUTBOX_KINDS.fetchAttachments, payload: { messageId: inserted[index].id } }]
          : [],
      ),
    );
    // The conversation as each message left it (the desk shows the unread count and preview of that moment).
    const remaining = new Map(chats.map((chat) => [chat, chat.deliveries.length]));
    const stored = values.map((v, index): StoredInbound => {
      const after = conversationById.get(v.conversationId)!;
      const later = remaining.get(v.chat)! - 1;
      remaining.set(v.chat, later);
      return {
        duplicate: false,
        messageId: inserted[index].id,
        message: inserted[index],
        conversation: {
          ...after,
          unreadCount: after.unreadCount - later,
          lastMessageAt: inserted[index].createdAt,
          lastMessagePreview: v.preview,
        },
      };
    });
    return { stored, outboxRows: [...events, ...fetches] };
  }
}

/** The accepted JSON back to the shape ingestion takes. */
export function inboundMessageOf(delivery: InboundDeliveryRow): InboundMessage {
  const { sentAt, attachments, ...message } = delivery.message;
  return { ...message, attachments: attachments as InboundMessage['attachments'], sentAt: new Date(sentAt) };
}
