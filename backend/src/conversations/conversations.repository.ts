import { Injectable } from '@nestjs/common';
import { and, desc, getTableColumns, eq, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import {
  conversations,
  messages,
  type ConversationRow,
  type MessageRow,
  type MessageStatus,
} from './conversations.schema.js';

export type ConversationFilter = {
  channel?: string;
  assigneeUserId?: string;
  unassigned?: boolean;
  unread?: boolean;
  status?: 'open' | 'closed';
  contactId?: string;
};
export type PageCursor = { at: Date; id: string };

const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

@Injectable()
export class ConversationsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Serializes ingestion of one chat (its conversation is created once) without blocking other chats. */
  async lockChat(tx: DatabaseExecutor, channelAccountId: string, providerChatId: string): Promise<void> {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`${channelAccountId}|${providerChatId}`}, 0))`,
    );
  }

  /**
   * lockChat and the idempotency check (the id of this provider message, if stored) in one round trip. The check reads the statement's snapshot, taken before the
   * lock was granted: a copy of this message committed by the lock's previous holder is not seen, its insert then
   * hits messages_provider_id_key and the ingestion retries (and finds it). Either way it is stored once.
   */
  async lockChatAndFindMessage(
    tx: DatabaseExecutor,
    channelAccountId: string,
    providerChatId: string,
    providerMessageId: string,
  ): Promise<string | undefined> {
    const [row] = await tx
      .select({
        locked: sql`pg_advisory_xact_lock(hashtextextended(${`${channelAccountId}|${providerChatId}`}, 0))`,
        existing: sql<
          string | null
        >`(select ${messages.id} from ${messages} where ${messages.channelAccountId} = ${channelAccountId} and ${messages.providerMessageId} = ${providerMessageId})`,
      })
      .from(sql`(values (1)) as one (x)`);
    return row?.existing ?? undefined;
  }

  async openConversation(
    tx: DatabaseExecutor,
    channelAccountId: string,
    providerChatId: string,
  ): Promise<ConversationRow | undefined> {
    const [row] = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.channelAccountId, channelAccountId),
          eq(conversations.providerChatId, providerChatId),
          eq(conversations.status, 'open'),
        ),
      )
      .limit(1);
    return row;
  }

  findOpen(channelAccountId: string, providerChatId: string): Promise<ConversationRow | undefined> {
    return this.openConversation(this.db, channelAccountId, providerChatId);
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<ConversationRow | undefined> {
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).limit(1);
    return row;
  }

  async insertConversation(tx: DatabaseExecutor, values: typeof conversations.$inferInsert): Promise<ConversationRow> {
    const [row] = await tx.insert(conversations).values(values).returning();
    return row;
  }

  async updateConversation(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof conversations.$inferInsert>,
  ): Promise<ConversationRow> {
    const [row] = await tx.update(conversations).set(values).where(eq(conversations.id, id)).returning();
    return row;
  }

  /**
   * insertMessage plus the conversation update an inbound message makes, in one round trip (a data-modifying CTE): the message row and the conversation
   * with its new last message, preview and unread count.
   */
  async insertInboundMessage(
    tx: DatabaseExecutor,
    values: typeof messages.$inferInsert & { createdAt: Date },
    preview: string,
  ): Promise<{ message: MessageRow; conversation: ConversationRow }> {
    const inserted = tx.$with('inserted').as(tx.insert(messages).values(values).returning());
    const messageFields = Object.fromEntries(
      Object.keys(getTableColumns(messages)).map((key) => [`message_${key}`, inserted[key as keyof MessageRow]]),
    );
    const [row] = await tx
      .with(inserted)
      .update(conversations)
      .set({
        lastMessageAt: values.createdAt,
        lastMessagePreview: preview,
        unreadCount: sql`${conversations.unreadCount} + 1`,
      })
      .from(inserted)
      .where(eq(conversations.id, values.conversationId))
      .returning({ ...getTableColumns(conversations), ...messageFields });
    const conversation: Record<string, unknown> = {};
    const message: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith('message_')) message[key.slice('message_'.length)] = value;
      else conversation[key] = value;
    }
    return { message: message as MessageRow, conversation: conversation as ConversationRow };
  }

  async touchForOutbound(tx: DatabaseExecutor, id: string, at: Date, preview: string): Promise<void> {
    await tx
      .update(conversations)
      .set({ lastMessageAt: at, lastMessagePreview: preview, unreadCount: 0 })
      .where(eq(conversations.id, id));
  }

  async insertMessage(tx: DatabaseExecutor, values: typeof messages.$inferInsert): Promise<MessageRow> {
    const [row] = await tx.insert(messages).values(values).returning();
    return row;
  }

  async findMessage(id: string, tx: DatabaseExecutor = this.db): Promise<MessageRow | undefined> {
    const [row] = await tx.select().from(messages).where(eq(messages.id, id)).limit(1);
    return row;
  }

  /** The newest inbound message of a conversation that has a provider id: what an e-mail reply answers. */
  async lastInboundWithProviderId(conversationId: string): Promise<MessageRow | undefined> {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversationId),
          eq(messages.direction, 'in'),
          sql`${messages.providerMessageId} is not null`,
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
    return row;
  }

  async updateMessage(
    id: string,
    values: Partial<typeof messages.$inferInsert>,
    tx: DatabaseExecutor = this.db,
  ): Promise<MessageRow> {
    const [row] = await tx.update(messages).set(values).where(eq(messages.id, id)).returning();
    return row;
  }

  /** A provider's status report; never moves a message back (read stays read when a late "delivered" arrives). */
  async applyStatus(
    channelAccountId: string,
    providerMessageId: string,
    status: MessageStatus,
    at: Date,
    error?: string,
  ): Promise<MessageRow | undefined> {
    const timestamps =
      status === 'delivered'
        ? { deliveredAt: at }
        : status === 'read'
          ? { readAt: at }
          : status === 'sent'
            ? { sentAt: at }
            : {};
    const [row] = await this.db
      .update(messages)
      .set({ status, ...timestamps, ...(error ? { error } : {}) })
      .where(
        and(
          eq(messages.channelAccountId, channelAccountId),
          eq(messages.providerMessageId, providerMessageId),
          lowerRank(status),
        ),
      )
      .returning();
    return row;
  }

  /** Messenger's "everything up to T was delivered/read" for one chat. */
  async applyWatermark(
    channelAccountId: string,
    providerChatId: string,
    status: 'delivered' | 'read',
    upTo: Date,
  ): Promise<MessageRow[]> {
    const timestamps = status === 'delivered' ? { deliveredAt: upTo } : { readAt: upTo };
    const chatConversations = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(eq(conversations.channelAccountId, channelAccountId), eq(conversations.providerChatId, providerChatId)),
      );
    return this.db
      .update(messages)
      .set({ status, ...timestamps })
      .where(
        and(
          inArray(messages.conversationId, chatConversations),
          eq(messages.direction, 'out'),
          lte(messages.sentAt, upTo),
          lowerRank(status),
        ),
      )
      .returning();
  }

  async listConversations(
    filter: ConversationFilter,
    cursor: PageCursor | undefined,
    limit: number,
  ): Promise<ConversationRow[]> {
    const where: (SQL | undefined)[] = [
      filter.channel ? eq(conversations.channel, filter.channel) : undefined,
      filter.assigneeUserId ? eq(conversations.assigneeUserId, filter.assigneeUserId) : undefined,
      filter.unassigned ? sql`${conversations.assigneeUserId} is null` : undefined,
      filter.unread ? gt(conversations.unreadCount, 0) : undefined,
      filter.status ? eq(conversations.status, filter.status) : undefined,
      filter.contactId ? eq(conversations.contactId, filter.contactId) : undefined,
      cursor
        ? or(
            lt(conversations.lastMessageAt, cursor.at),
            and(eq(conversations.lastMessageAt, cursor.at), lt(conversations.id, cursor.id)),
          )
        : undefined,
    ];
    return this.db
      .select()
      .from(conversations)
      .where(and(...where))
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(limit);
  }

  async listMessages(conversationId: string, cursor: PageCursor | undefined, limit: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversationId),
          cursor
            ? or(lt(messages.createdAt, cursor.at), and(eq(messages.createdAt, cursor.at), lt(messages.id, cursor.id)))
            : undefined,
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(limit);
  }

  async reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    await tx.update(conversations).set({ contactId: toContactId }).where(eq(conversations.contactId, fromContactId));
  }

  async markRead(conversationId: string): Promise<void> {
    await this.db.update(conversations).set({ unreadCount: 0 }).where(eq(conversations.id, conversationId));
    await this.db
      .update(messages)
      .set({ status: 'read', readAt: new Date() })
      .where(
        and(eq(messages.conversationId, conversationId), eq(messages.direction, 'in'), ne(messages.status, 'read')),
      );
  }
}

function lowerRank(status: MessageStatus): SQL {
  const lower = (Object.keys(STATUS_RANK) as MessageStatus[]).filter((s) => STATUS_RANK[s] < STATUS_RANK[status]);
  return status === 'failed' ? ne(messages.status, 'failed') : inArray(messages.status, lower);
}
