import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, outbox } from '../../src/conversations/conversations.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  TELEGRAM,
  contactOfIdentity,
  conversationWithMessages,
  createAccount,
  postTelegram,
  telegramUpdate,
  waitFor,
} from './support/channel-fixtures.js';
import { startDisposableRedis, type DisposableRedis } from './support/disposable-redis.js';
import { jsonOf, startFakeProviderApi, type FakeProviderApi } from './support/fake-provider-api.js';

describe('the outbox keeps accepted replies while Redis is down', () => {
  let t: TestApp;
  let redis: DisposableRedis;
  let api: FakeProviderApi;

  beforeAll(async () => {
    redis = await startDisposableRedis();
    api = await startFakeProviderApi(() => ({
      body: { ok: true, result: { message_id: 3001, date: 1, chat: { id: 555, type: 'private' }, text: 'ok' } },
    }));
    t = await createTestApp({ REDIS_URL: redis.url, OUTBOX_SWEEP_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await api?.close();
  });

  it('accepts the reply (202, queued) with Redis unreachable and sends it once Redis is back', async () => {
    const admin = await t.login();
    const account = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Bot',
      config: { ...TELEGRAM, apiRoot: api.baseUrl },
    });
    await postTelegram(t, account, telegramUpdate(1, 10, 555, 'Salut'));
    const contact = await contactOfIdentity(t, 'telegram', '555');
    const { conversation } = await conversationWithMessages(t, contact!.id);

    await redis.stop();
    const res = await t.http('POST', `/api/conversations/${conversation.id}/messages`, {
      token: admin,
      body: { text: 'Trimis în timpul căderii' },
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    // The hand-off to BullMQ times out; the row stays pending with the reason.
    const pending = await waitFor(
      async () => {
        const [row] = await t.db
          .select()
          .from(outbox)
          .where(eq(outbox.payload, { messageId: res.body.id }));
        return row?.lastError ? row : undefined;
      },
      10_000,
      'the failed enqueue to be recorded',
    );
    expect(pending.doneAt).toBeNull();
    expect(pending.lastError).toMatch(/Redis/);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(api.requests).toHaveLength(0);
    const [stillQueued] = await t.db.select().from(messages).where(eq(messages.id, res.body.id));
    expect(stillQueued.status).toBe('queued');

    await redis.start();
    const sent = await waitFor(
      async () => {
        const [row] = await t.db.select().from(messages).where(eq(messages.id, res.body.id));
        return row.status === 'sent' ? row : undefined;
      },
      30_000,
      'the reply to be sent after Redis recovered',
    );
    expect(sent.providerMessageId).toBe('555:3001');
    expect(api.requests).toHaveLength(1);
    expect(jsonOf(api.requests[0])).toEqual({ chat_id: '555', text: 'Trimis în timpul căderii' });
    await waitFor(
      async () => {
        const [row] = await t.db
          .select()
          .from(outbox)
          .where(eq(outbox.payload, { messageId: res.body.id }));
        return row.doneAt;
      },
      5_000,
      'the outbox row to be done',
    );
  }, 60_000);

  it('accepts and stores inbound webhook messages while Redis is down; their domain events are handed over once it is back', async () => {
    const admin = await t.login();
    const account = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Bot during the outage',
      config: { ...TELEGRAM, apiRoot: api.baseUrl },
    });
    await redis.stop();
    // The first message of a new chat (per-message path) and a second one (set-based path), each answered 200.
    expect((await postTelegram(t, account, telegramUpdate(1, 20, 777, 'Salut, Redis e jos'))).status).toBe(200);
    expect((await postTelegram(t, account, telegramUpdate(2, 21, 777, 'Încă un mesaj'))).status).toBe(200);
    const contact = await contactOfIdentity(t, 'telegram', '777');
    const thread = await conversationWithMessages(t, contact!.id);
    expect(thread.messages.map((m) => m.text)).toEqual(['Salut, Redis e jos', 'Încă un mesaj']);
    expect(thread.conversation.unreadCount).toBe(2);
    const eventsOf = async () =>
      (await t.db.select().from(outbox).where(eq(outbox.kind, 'domain.event'))).filter((row) =>
        thread.messages.some((m) => (row.payload as { data?: { messageId?: string } }).data?.messageId === m.id),
      );
    expect(await eventsOf()).toHaveLength(2);

    await redis.start();
    await waitFor(
      async () => (await eventsOf()).every((row) => row.enqueuedAt || row.doneAt),
      30_000,
      'the message.received events to be handed to the queue after Redis recovered',
    );
  }, 90_000);
});
