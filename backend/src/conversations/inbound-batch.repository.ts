import { Injectable } from '@nestjs/common';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DatabaseExecutor } from '../database/database-connection.js';
import {
  conversations,
  messages,
  type ConversationRow,
  type MessageRow,
  type StoredAttachment,
} from './conversations.schema.js';

/** A chat of a channel account. */
export type ChatKey = { channelAccountId: string; providerChatId: string };

/** The contact a channel identity is linked to, with what ingestion reads of it. */
export type IdentityContact = {
  channel: string;
  providerUserId: string;
  contactId: string;
  responsibleUserId: string | null;
  displayName: string;
  email: string | null;
  mergedIntoId: string | null;
};

export type NewInboundMessage = {
  conversationId: string;
  channelAccountId: string;
  providerMessageId: string;
  subject: string | null;
  threadRef: string | null;
  text: string | null;
  attachments: StoredAttachment[];
  createdAt: Date;
  sentAt: Date;
};

export type ConversationAdvance = {
  id: string;
  lastMessageAt: Date;
  preview: string;
  newMessages: number;
  cardId: string | null;
};

export type NewTimelineMessage = {
  contactId: string;
  cardId: string | null;
  occurredAt: Date;
  messageId: string;
  summary: Record<string, unknown>;
};

/**
 * The set-based statements of one inbound batch (every chat's lock, the identities, open conversations, active cards
 * and open tasks of all its messages, then one insert of the messages, one update of the conversations, one insert of
 * the timeline entries): a handful of round trips per batch instead of ten per message. SQL only; the rules live in
 * InboundBatchIngestion.
 */
@Injectable()
export class InboundBatchRepository {
  /** The advisory lock of every chat (the same key as ConversationsRepository.lockChat), in one statement. */
  async lockChats(tx: DatabaseExecutor, chats: ChatKey[]): Promise<void> {
    const keys = [...new Set(chats.map((c) => `${c.channelAccountId}|${c.providerChatId}`))].sort();
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from (select k from unnest(${sql.param(keys)}::text[]) as k order by k) as keys`,
    );
  }

  /** `account|providerMessageId` of the messages already stored. */
  async storedMessageKeys(
    tx: DatabaseExecutor,
    refs: { channelAccountId: string; providerMessageId: string }[],
  ): Promise<Set<string>> {
    const rows = rowsOf<{ a: string; p: string }>(
      await tx.execute(sql`
        select m.channel_account_id as a, m.provider_message_id as p
        from messages m
        join unnest(${sql.param(refs.map((r) => r.channelAccountId))}::uuid[], ${sql.param(refs.map((r) => r.providerMessageId))}::text[]) as t(a, p)
          on m.channel_account_id = t.a and m.provider_message_id = t.p`),
    );
    return new Set(rows.map((r) => `${r.a}|${r.p}`));
  }

  async openConversations(tx: DatabaseExecutor, chats: ChatKey[]): Promise<ConversationRow[]> {
    return typedRowsOf<ConversationRow>(
      conversations,
      await tx.execute(sql`
        select ${CONVERSATION_COLUMNS} from conversations c
        join unnest(${sql.param(chats.map((c) => c.channelAccountId))}::uuid[], ${sql.param(chats.map((c) => c.providerChatId))}::text[]) as t(a, chat)
          on c.channel_account_id = t.a and c.provider_chat_id = t.chat and c.status = 'open'`),
    );
  }

  async contactsByIdentity(
    tx: DatabaseExecutor,
    identities: { channel: string; providerUserId: string }[],
  ): Promise<IdentityContact[]> {
    if (!identities.length) return [];
    return rowsOf<IdentityContact>(
      await tx.execute(sql`
        select i.channel, i.provider_user_id as "providerUserId", k.id as "contactId", k.responsible_user_id as "responsibleUserId",
               k.display_name as "displayName", k.email, k.merged_into_id as "mergedIntoId"
        from unnest(${sql.param(identities.map((i) => i.channel))}::text[], ${sql.param(identities.map((i) => i.providerUserId))}::text[]) as t(channel, provider_user_id)
        join contact_channel_identities i on i.channel = t.channel and i.provider_user_id = t.provider_user_id
        join contacts k on k.id = i.contact_id`),
    );
  }

  /** contact id → its most recent active card (CrmBridgeRepository.activeCardOf for many contacts). */
  async activeCards(tx: DatabaseExecutor, contactIds: string[]): Promise<Map<string, string>> {
    if (!contactIds.length) return new Map();
    const rows = rowsOf<{ contactId: string; id: string }>(
      await tx.execute(sql`
        select distinct on (contact_id) contact_id as "contactId", id from consultation_cards
        where contact_id = any(${sql.param(contactIds)}::uuid[]) and status = 'active'
        order by contact_id, updated_at desc`),
    );
    return new Map(rows.map((r) => [r.contactId, r.id]));
  }

  /** Which of these cards, and which of these contacts, have an open task (CrmBridgeRepository.hasOpenTask). */
  async openTaskOwners(
    tx: DatabaseExecutor,
    cardIds: string[],
    contactIds: string[],
  ): Promise<{ cards: Set<string>; contacts: Set<string> }> {
    const rows = rowsOf<{ cardId: string | null; contactId: string | null }>(
      await tx.execute(sql`
        select distinct card_id as "cardId", contact_id as "contactId" from tasks
        where status = 'open' and (card_id = any(${sql.param(cardIds)}::uuid[]) or contact_id = any(${sql.param(contactIds)}::uuid[]))`),
    );
    return {
      cards: new Set(rows.flatMap((r) => (r.cardId ? [r.cardId] : []))),
      contacts: new Set(rows.flatMap((r) => (r.contactId ? [r.contactId] : []))),
    };
  }

  /** Every message of the batch in one insert; rows come back in the order given. */
  async insertMessages(tx: DatabaseExecutor, values: NewInboundMessage[]): Promise<MessageRow[]> {
    const column = <T>(pick: (v: NewInboundMessage) => T) => sql.param(values.map(pick));
    const rows = typedRowsOf<MessageRow>(
      messages,
      await tx.execute(sql`
        with inserted as (
          insert into messages (conversation_id, channel_account_id, direction, provider_message_id, subject, thread_ref, text,
                                attachments, status, created_at, sent_at)
          select conversation_id, channel_account_id, 'in', provider_message_id, subject, thread_ref, text, attachments::jsonb,
                 'received', created_at, sent_at
          from unnest(${column((v) => v.conversationId)}::uuid[], ${column((v) => v.channelAccountId)}::uuid[],
                      ${column((v) => v.providerMessageId)}::text[], ${column((v) => v.subject)}::text[],
                      ${column((v) => v.threadRef)}::text[], ${column((v) => v.text)}::text[],
                      ${column((v) => JSON.stringify(v.attachments))}::text[], ${column((v) => v.createdAt.toISOString())}::timestamptz[],
                      ${column((v) => v.sentAt.toISOString())}::timestamptz[])
            as t(conversation_id, channel_account_id, provider_message_id, subject, thread_ref, text, attachments, created_at, sent_at)
          returning *
        )
        select ${aliased(messages, 'inserted')} from inserted`),
    );
    const byKey = new Map(rows.map((r) => [`${r.channelAccountId}|${r.providerMessageId}`, r]));
    return values.map((v) => byKey.get(`${v.channelAccountId}|${v.providerMessageId}`)!);
  }

  /** Last message, preview, unread count (+ the batch's messages) and card of each conversation, in one update. */
  async advanceConversations(tx: DatabaseExecutor, advances: ConversationAdvance[]): Promise<ConversationRow[]> {
    const column = <T>(pick: (v: ConversationAdvance) => T) => sql.param(advances.map(pick));
    return typedRowsOf<ConversationRow>(
      conversations,
      await tx.execute(sql`
        update conversations c
        set last_message_at = t.at, last_message_preview = t.preview, unread_count = c.unread_count + t.n, card_id = t.card_id
        from unnest(${column((v) => v.id)}::uuid[], ${column((v) => v.lastMessageAt.toISOString())}::timestamptz[],
                    ${column((v) => v.preview)}::text[], ${column((v) => v.newMessages)}::int[], ${column((v) => v.cardId)}::uuid[])
          as t(id, at, preview, n, card_id)
        where c.id = t.id
        returning ${CONVERSATION_COLUMNS}`),
    );
  }

  /** `message_in` timeline entries of the batch (idempotent on the message, like TimelineRepository.insert). */
  async insertTimelineMessages(tx: DatabaseExecutor, entries: NewTimelineMessage[]): Promise<void> {
    const column = <T>(pick: (v: NewTimelineMessage) => T) => sql.param(entries.map(pick));
    await tx.execute(sql`
      insert into timeline_entries (kind, contact_id, card_id, occurred_at, actor_user_id, ref_type, ref_id, summary)
      select 'message_in', contact_id, card_id, occurred_at, null, 'message', ref_id, summary::jsonb
      from unnest(${column((v) => v.contactId)}::uuid[], ${column((v) => v.cardId)}::uuid[],
                  ${column((v) => v.occurredAt.toISOString())}::timestamptz[], ${column((v) => v.messageId)}::text[],
                  ${column((v) => JSON.stringify(v.summary))}::text[]) as t(contact_id, card_id, occurred_at, ref_id, summary)
      on conflict do nothing`);
  }
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: unknown[] }).rows ?? result) as T[];
}

/** Raw rows of `table` (selected with `aliased`) with the values Drizzle would give: dates as Date, JSON parsed. */
function typedRowsOf<T>(table: PgTable, result: unknown): T[] {
  const columns = Object.entries(getTableColumns(table));
  return rowsOf<Record<string, unknown>>(result).map((row) => {
    for (const [key, column] of columns)
      if (row[key] !== null && row[key] !== undefined) row[key] = column.mapFromDriverValue(row[key]);
    return row as T;
  });
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `alias.column_name as "columnName"` for every column: raw rows shaped like Drizzle's. */
function aliased(table: PgTable, alias: string): SQL {
  return sql.raw(
    Object.keys(getTableColumns(table))
      .map((key) => `${alias}.${snakeCase(key)} as "${key}"`)
      .join(', '),
  );
}

const CONVERSATION_COLUMNS = aliased(conversations, 'c');
