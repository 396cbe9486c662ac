import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../src/conversations/conversations.schema.js';
import { InboundBatchProcessor } from '../../src/conversations/inbound-batch-processor.js';
import { InboundDeliveriesRepository } from '../../src/conversations/inbound-deliveries.repository.js';
import { inboundDeliveries } from '../../src/conversations/inbound-deliveries.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  TELEGRAM,
  createAccount,
  postTelegram,
  postTelegramAccepted,
  telegramUpdate,
  untilInboundProcessed,
  waitFor,
  type Account,
} from './support/channel-fixtures.js';

/** What the webhook accepts for a Telegram text message (the shape the processor reads back). */
function acceptedTelegram(account: Account, chatId: number, messageId: number, sentAt = new Date().toISOString()) {
  return {
    channelAccountId: account.id,
    canFetchAttachments: true,
    message: {
      channel: 'telegram',
      providerMessageId: `${chatId}:${messageId}`,
      providerChatId: String(chatId),
      sender: { providerUserId: String(chatId), name: `Client ${chatId}`, language: 'ro' },
      text: `Mesajul ${messageId}`,
      attachments: [],
      sentAt,
    },
  };
}

describe('inbound webhook batches', () => {
  let t: TestApp;
  let account: Account;
  let processor: InboundBatchProcessor;
  let deliveries: InboundDeliveriesRepository;

  const chatMessages = async (chatId: number) => {
    const [conversation] = await t.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.channelAccountId, account.id), eq(conversations.providerChatId, String(chatId))));
    const rows = conversation
      ? await t.db
          .select()
          .from(messages)
          .where(eq(messages.conversationId, conversation.id))
          .orderBy(asc(messages.createdAt), asc(messages.id))
      : [];
    return { conversation, messages: rows };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Telegram bot',
      config: { ...TELEGRAM, apiRoot: 'http://127.0.0.1:9' },
    });
    processor = t.app.get(InboundBatchProcessor);
    deliveries = t.app.get(InboundDeliveriesRepository);
  });
  afterAll(() => t?.close());

  it('a provider retry while the first copy is still pending, and after it is stored, creates one message', async () => {
    await processor.onApplicationShutdown(); // nothing is processed until it starts again
    const body = telegramUpdate(1, 501, 700001, 'Bună ziua');
    const answers = await Promise.all([1, 2, 3].map(() => postTelegramAccepted(t, account, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await postTelegramAccepted(t, account, body)).status).toBe(200);
    const pending = await t.db.select().from(inboundDeliveries);
    expect(pending).toMatchObject([{ providerMessageId: '700001:501', providerChatId: '700001', attempts: 0 }]);
    expect((await chatMessages(700001)).messages).toEqual([]);

    processor.onApplicationBootstrap(); // a restart picks up what was accepted before
    await untilInboundProcessed(t);
    expect((await chatMessages(700001)).messages.map((m) => m.providerMessageId)).toEqual(['700001:501']);
    expect((await postTelegram(t, account, body)).status).toBe(200);
    expect((await chatMessages(700001)).messages).toHaveLength(1);
  });

  it('keeps the order of each chat across batches, counts every message once and pushes nothing twice', async () => {
    await processor.onApplicationShutdown();
    // 2 chats × 130 messages, interleaved, accepted before the processor runs: more than one batch (200).
    const accepted = Array.from({ length: 260 }, (_, i) => acceptedTelegram(account, 700010 + (i % 2), 1000 + i));
    for (let from = 0; from < accepted.length; from += 50) await deliveries.accept(accepted.slice(from, from + 50));
    expect(await deliveries.pendingCount()).toBe(260);
    processor.onApplicationBootstrap();
    await untilInboundProcessed(t);
    for (const chatId of [700010, 700011]) {
      const { conversation, messages: rows } = await chatMessages(chatId);
      const expected = accepted.filter((d) => d.message.providerChatId === String(chatId));
      expect(rows.map((m) => m.providerMessageId)).toEqual(expected.map((d) => d.message.providerMessageId));
      expect(conversation.unreadCount).toBe(130);
      expect(conversation.lastMessagePreview).toBe(expected.at(-1)!.message.text);
    }
    const countOf = async (query: ReturnType<typeof sql>) =>
      Number(((await t.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0].n);
    expect(await countOf(sql`select count(*)::int as n from timeline_entries where kind = 'message_in'`)).toBe(261);
    expect(
      await countOf(
        sql`select count(*)::int as n from outbox where kind = 'domain.event' and payload->>'type' = 'message.received'`,
      ),
    ).toBe(261);
  });

  it('a batch that fails halfway (crash, bad row) loses nothing and stores nothing twice; the bad row waits for a retry', async () => {
    await processor.onApplicationShutdown();
    const good = [1, 2, 3, 4].map((n) => acceptedTelegram(account, 700010, 5000 + n));
    const fresh = acceptedTelegram(account, 700020, 1);
    const bad = acceptedTelegram(account, 700011, 6000, 'not a date');
    await deliveries.accept([good[0], good[1], fresh, bad, good[2]]);
    // A copy of a message already stored before the crash (accepted again by a retry).
    await deliveries.accept([acceptedTelegram(account, 700010, 1000), good[3]]);
    processor.onApplicationBootstrap();
    await waitFor(async () => (await deliveries.pendingCount()) === 1, 20_000, 'every good delivery to be stored');
    const [left] = await t.db.select().from(inboundDeliveries);
    expect(left.providerMessageId).toBe('700011:6000');
    expect(left.attempts).toBeGreaterThanOrEqual(1);
    expect(left.lastError).toBeTruthy();
    const chat = await chatMessages(700010);
    expect(chat.messages.map((m) => m.providerMessageId).slice(-4)).toEqual(
      good.map((d) => d.message.providerMessageId),
    );
    expect(chat.messages.filter((m) => m.providerMessageId === '700010:1000')).toHaveLength(1);
    expect(chat.conversation.unreadCount).toBe(134);
    expect((await chatMessages(700020)).messages).toHaveLength(1);
    expect((await chatMessages(700011)).messages.map((m) => m.providerMessageId)).not.toContain('700011:6000');
    await t.db.delete(inboundDeliveries);
  });

  it('answers on PGlite once the messages are stored (inline), on PostgreSQL once accepted; desk reads meanwhile are answered', async () => {
    const admin = await t.login();
    // New chats (per-message path) and their second messages (set-based path), with desk reads in between: on
    // PGlite's single connection nothing may wait for a transaction that waits for it.
    const posts = [700040, 700041, 700042].flatMap((chatId, chat) =>
      [1, 2, 3].map((n) =>
        postTelegramAccepted(t, account, telegramUpdate(9000 + chat * 10 + n, 800 + n, chatId, `Mesaj ${n}`)),
      ),
    );
    const reads = [1, 2, 3].map(() => t.http('GET', '/api/conversations', { token: admin }));
    expect((await Promise.all(posts)).map((r) => r.status)).toEqual(Array(9).fill(200));
    expect((await Promise.all(reads)).map((r) => r.status)).toEqual([200, 200, 200]);
    if (t.connection.kind !== 'pglite') await untilInboundProcessed(t);
    expect(await deliveries.pendingCount()).toBe(0);
    for (const chatId of [700040, 700041, 700042]) {
      const { conversation, messages: rows } = await chatMessages(chatId);
      expect(rows.map((m) => m.text).sort()).toEqual(['Mesaj 1', 'Mesaj 2', 'Mesaj 3']);
      expect(conversation.unreadCount).toBe(3);
    }
  });
});
