import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { CrmBridgeRepository } from './crm-bridge.repository.js';
import { CONVERSATION_EVENTS, ConversationEvents } from './conversation-events.js';
import type { ConversationRow } from './conversations.schema.js';
import { ConversationsRepository, type PageCursor } from './conversations.repository.js';
import type { ListConversationsQuery, ListMessagesQuery } from './conversations.dto.js';
import { toMessageView, type MessageView } from './message-view.js';

export type Page<T> = { items: T[]; nextCursor: string | null };

/** The desk's inbox: lists, assignment, close/reopen, read marks, typing relay. */
@Injectable()
export class InboxService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly conversations: ConversationsRepository,
    private readonly crm: CrmBridgeRepository,
    private readonly audit: AuditService,
    private readonly events: ConversationEvents,
  ) {}

  async list(query: ListConversationsQuery, user: AuthenticatedUser): Promise<Page<ConversationRow>> {
    const assignee = query.assignee === 'me' ? user.id : query.assignee === 'none' ? undefined : query.assignee;
    const rows = await this.conversations.listConversations(
      {
        channel: query.channel,
        assigneeUserId: assignee,
        unassigned: query.assignee === 'none',
        unread: query.unread,
        status: query.status,
        contactId: query.contactId,
      },
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return page(rows, query.limit, (r) => ({ at: r.lastMessageAt, id: r.id }));
  }

  async get(id: string): Promise<ConversationRow> {
    const row = await this.conversations.findById(id);
    if (!row) throw ApiError.notFound('Conversation', id);
    return row;
  }

  async messages(id: string, query: ListMessagesQuery): Promise<Page<MessageView>> {
    await this.get(id);
    const rows = await this.conversations.listMessages(id, decodeCursor(query.cursor), query.limit + 1);
    const result = page(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
    return { items: result.items.map(toMessageView), nextCursor: result.nextCursor };
  }

  async assign(id: string, userId: string | null): Promise<ConversationRow> {
    const after = await this.db.transaction(async (tx) => {
      const before = await this.conversations.findById(id, tx);
      if (!before) throw ApiError.notFound('Conversation', id);
      if (userId && !(await this.crm.isActiveUser(tx, userId)))
        throw ApiError.validation({ userId: 'Choose an active user.' });
      const row = await this.conversations.updateConversation(tx, id, { assigneeUserId: userId });
      await this.audit.record(
        {
          action: 'conversation.assign',
          entityType: 'conversation',
          entityId: id,
          before: { assigneeUserId: before.assigneeUserId },
          after: { assigneeUserId: userId },
        },
        tx,
      );
      return row;
    });
    this.events.updated(after, CONVERSATION_EVENTS.assigned);
    return after;
  }

  async setStatus(id: string, status: 'open' | 'closed'): Promise<ConversationRow> {
    try {
      const after = await this.db.transaction(async (tx) => {
        const before = await this.conversations.findById(id, tx);
        if (!before) throw ApiError.notFound('Conversation', id);
        const row = await this.conversations.updateConversation(tx, id, {
          status,
          closedAt: status === 'closed' ? new Date() : null,
        });
        await this.audit.record(
          {
            action: status === 'closed' ? 'conversation.close' : 'conversation.reopen',
            entityType: 'conversation',
            entityId: id,
            before: { status: before.status },
            after: { status },
          },
          tx,
        );
        return row;
      });
      this.events.updated(after);
      return after;
    } catch (error) {
      if (isUniqueViolation(error))
        throw ApiError.conflict(
          'conversation_already_open',
          'This chat already has an open conversation; continue there.',
        );
      throw error;
    }
  }

  async markRead(id: string): Promise<ConversationRow> {
    await this.get(id);
    await this.conversations.markRead(id);
    const row = await this.get(id);
    this.events.updated(row);
    return row;
  }

  async typing(id: string, user: AuthenticatedUser, typing: boolean): Promise<void> {
    const row = await this.get(id);
    this.events.typing(row, { userId: user.id, fullName: user.fullName, typing, from: 'agent' });
  }
}

function page<T>(rows: T[], limit: number, cursorOf: (row: T) => PageCursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): PageCursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? ''))
    throw ApiError.validation({ cursor: 'Start again from the first page.' });
  return { at: date, id };
}
