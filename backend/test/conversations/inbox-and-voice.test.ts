import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  TELEGRAM,
  createAccount,
  postTelegram,
  telegramUpdate,
  waitFor,
  type Account,
} from './support/channel-fixtures.js';
import { startFakeProviderApi, type FakeProviderApi } from './support/fake-provider-api.js';

const VOICE_BYTES = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(2048, 7)]);

describe('inbox API, typing relay and voice messages', () => {
  let t: TestApp;
  let admin: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let api: FakeProviderApi;
  let account: Account;

  beforeAll(async () => {
    api = await startFakeProviderApi((req) => {
      if (req.pathname.endsWith('/getFile'))
        return {
          body: {
            ok: true,
            result: {
              file_id: 'AwACAgIAAxkBAAIBtGS_voice',
              file_unique_id: 'AgADvoice',
              file_size: VOICE_BYTES.length,
              file_path: 'voice/file_9.oga',
            },
          },
        };
      if (req.pathname === `/file/bot${TELEGRAM.botToken}/voice/file_9.oga`)
        return { headers: { 'content-type': 'audio/ogg' }, body: VOICE_BYTES };
      return { status: 404, body: { ok: false } };
    });
    t = await createTestApp({ OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    const user = async (email: string, fullName: string) => {
      const res = await t.http('POST', '/api/users', {
        token: admin,
        body: { email, fullName, password: 'consultant-password-1', role: 'consultant' },
      });
      return { id: res.body.id as string, token: await t.login(email, 'consultant-password-1') };
    };
    ana = await user('ana@test.local', 'Ana Popescu');
    ion = await user('ion@test.local', 'Ion Ciobanu');
    account = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Bot',
      config: { ...TELEGRAM, apiRoot: api.baseUrl },
    });
    for (let i = 1; i <= 5; i++) await postTelegram(t, account, telegramUpdate(i, 100 + i, 7000 + i, `Mesaj ${i}`));
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it('lists conversations newest first, paged, with channel/assignee/unread/status filters; round-robin spreads new chats', async () => {
    const first = await t.http('GET', '/api/conversations?limit=2', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: any) => c.providerChatId)).toEqual(['7005', '7004']);
    const second = await t.http('GET', `/api/conversations?limit=2&cursor=${first.body.nextCursor}`, { token: admin });
    expect(second.body.items.map((c: any) => c.providerChatId)).toEqual(['7003', '7002']);
    const third = await t.http('GET', `/api/conversations?limit=2&cursor=${second.body.nextCursor}`, { token: admin });
    expect(third.body).toMatchObject({ items: [{ providerChatId: '7001' }], nextCursor: null });

    const anas = await t.http('GET', '/api/conversations?assignee=me', { token: ana.token });
    const ions = await t.http('GET', '/api/conversations?assignee=me', { token: ion.token });
    expect(anas.body.items.length + ions.body.items.length).toBe(5);
    expect(Math.abs(anas.body.items.length - ions.body.items.length)).toBe(1);

    expect(
      (await t.http('GET', '/api/conversations?channel=telegram&unread=true&status=open', { token: admin })).body.items,
    ).toHaveLength(5);
    expect((await t.http('GET', '/api/conversations?channel=sms', { token: admin })).body.items).toHaveLength(0);
    const bad = await t.http('GET', '/api/conversations?status=maybe', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.status).toBeDefined();
  });

  it('assigns, marks read, closes and reopens; a new message after closing starts a new conversation', async () => {
    const [conversation] = (await t.http('GET', '/api/conversations?limit=1', { token: admin })).body.items;
    const assigned = await t.http('POST', `/api/conversations/${conversation.id}/assign`, {
      token: admin,
      body: { userId: ion.id },
    });
    expect(assigned.body.assigneeUserId).toBe(ion.id);
    const read = await t.http('POST', `/api/conversations/${conversation.id}/read`, { token: ion.token });
    expect(read.body.unreadCount).toBe(0);
    expect(
      (await t.http('GET', '/api/conversations?unread=true', { token: admin })).body.items.map((c: any) => c.id),
    ).not.toContain(conversation.id);
    const messages = await t.http('GET', `/api/conversations/${conversation.id}/messages`, { token: ion.token });
    expect(messages.body.items[0]).toMatchObject({ direction: 'in', status: 'read' });

    expect(
      (await t.http('POST', `/api/conversations/${conversation.id}/close`, { token: ion.token })).body.status,
    ).toBe('closed');
    await postTelegram(t, account, telegramUpdate(50, 150, 7005, 'Încă o întrebare'));
    const open = (await t.http('GET', '/api/conversations?status=open', { token: admin })).body.items.filter(
      (c: any) => c.providerChatId === '7005',
    );
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(conversation.id);
    const reopen = await t.http('POST', `/api/conversations/${conversation.id}/reopen`, { token: ion.token });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toBe('conversation_already_open');
    expect((await t.http('GET', `/api/conversations/${conversation.id}`, { token: admin })).body.status).toBe('closed');
    const missing = await t.http('POST', '/api/conversations/00000000-0000-4000-8000-000000000000/close', {
      token: admin,
    });
    expect(missing.status).toBe(404);
  });

  it('relays typing from one desk socket to the conversation owner', async () => {
    const [conversation] = (await t.http('GET', `/api/conversations?assignee=${ana.id}`, { token: admin })).body.items;
    const anaSocket: Socket = io(`${t.baseUrl}/agent`, { auth: { token: ana.token }, transports: ['websocket'] });
    const ionSocket: Socket = io(`${t.baseUrl}/agent`, { auth: { token: ion.token }, transports: ['websocket'] });
    await Promise.all([anaSocket, ionSocket].map((s) => new Promise((r) => s.on('session:ready', r))));
    const seen = new Promise<any>((resolve) =>
      anaSocket.on('conversation:typing', (e: any) => e.conversationId === conversation.id && resolve(e)),
    );
    const ack = await ionSocket.emitWithAck('conversation:typing', { conversationId: conversation.id, typing: true });
    expect(ack).toEqual({ ok: true });
    expect(await seen).toMatchObject({ conversationId: conversation.id, userId: ion.id, typing: true, from: 'agent' });
    anaSocket.close();
    ionSocket.close();
  });

  it('fetches a Telegram voice note through the adapter into the attachment store and streams it', async () => {
    const body = telegramUpdate(60, 160, 7100, '', {
      text: undefined,
      voice: {
        duration: 7,
        mime_type: 'audio/ogg',
        file_id: 'AwACAgIAAxkBAAIBtGS_voice',
        file_unique_id: 'AgADvoice',
        file_size: VOICE_BYTES.length,
      },
    });
    expect((await postTelegram(t, account, body)).status).toBe(200);
    const conversation = (await t.http('GET', '/api/conversations?limit=1', { token: admin })).body.items[0];
    expect(conversation.providerChatId).toBe('7100');
    expect(conversation.lastMessagePreview).toBe('[voice]');
    const message = await waitFor(
      async () => {
        const page = await t.http('GET', `/api/conversations/${conversation.id}/messages`, { token: admin });
        return page.body.items[0]?.attachments[0]?.downloadUrl ? page.body.items[0] : undefined;
      },
      15_000,
      'the voice note to be stored',
    );
    expect(message.attachments[0]).toMatchObject({
      kind: 'voice',
      durationSeconds: 7,
      mimeType: 'audio/ogg',
      sizeBytes: VOICE_BYTES.length,
    });
    const response = await fetch(`${t.baseUrl}${message.attachments[0].downloadUrl}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/ogg');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(VOICE_BYTES);
    const anonymous = await fetch(`${t.baseUrl}${message.attachments[0].downloadUrl}`);
    expect(anonymous.status).toBe(401);
    expect(api.requests.map((r) => r.pathname)).toEqual([
      `/bot${TELEGRAM.botToken}/getFile`,
      `/file/bot${TELEGRAM.botToken}/voice/file_9.oga`,
    ]);
  });
});
