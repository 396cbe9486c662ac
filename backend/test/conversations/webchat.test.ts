import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../src/conversations/conversations.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createAccount, waitFor, type Account } from './support/channel-fixtures.js';

function visitor(t: TestApp, account: string, visitorToken?: string): Promise<{ socket: Socket; ready: any }> {
  const socket = io(`${t.baseUrl}/webchat`, {
    auth: { account, visitorToken },
    transports: ['websocket'],
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.on('webchat:ready', (ready) => resolve({ socket, ready }));
    socket.on('connect_error', reject);
  });
}

describe('web chat over Socket.IO (/webchat)', () => {
  let t: TestApp;
  let admin: string;
  let account: Account;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ OUTBOX_SWEEP_INTERVAL_MS: '200', WEBCHAT_MAX_UPLOAD_MB: '0.01' });
    admin = await t.login();
    account = await createAccount(t, admin, { provider: 'webchat', name: 'Site chat', config: {} });
    token = account.webhookPath.split('/').pop()!;
  });
  afterAll(() => t?.close());

  it('round-trips a visitor message to the desk and the reply back; the visitor is recognised after a reload', async () => {
    const first = await visitor(t, token);
    expect(first.ready).toMatchObject({
      visitorToken: expect.stringMatching(/^v_[\w-]+\.[\w-]+$/),
      online: false,
      history: [],
    });
    const ack = await first.socket.emitWithAck('webchat:send', {
      text: 'Bună, am o întrebare',
      name: 'Elena',
      phone: '+37369555111',
      clientMessageId: 'client-msg-0001',
    });
    expect(ack).toMatchObject({ ok: true, messageId: expect.any(String) });
    const again = await first.socket.emitWithAck('webchat:send', {
      text: 'Bună, am o întrebare',
      clientMessageId: 'client-msg-0001',
    });
    expect(again).toMatchObject({ ok: true, messageId: ack.messageId }); // a resend is not stored twice

    const [conversation] = await t.db
      .select()
      .from(conversations)
      .where(eq(conversations.providerChatId, first.ready.visitorId));
    expect(conversation).toMatchObject({ channel: 'webchat', status: 'open' });
    expect(await t.db.select().from(messages).where(eq(messages.conversationId, conversation.id))).toHaveLength(1);

    const replyArrived = new Promise<any>((resolve) => first.socket.on('webchat:message', resolve));
    const typingArrived = new Promise<any>((resolve) => first.socket.on('webchat:typing', resolve));
    await t.http('POST', `/api/conversations/${conversation.id}/typing`, { token: admin, body: { typing: true } });
    expect(await typingArrived).toEqual({ typing: true, from: 'agent' });
    const sent = await t.http('POST', `/api/conversations/${conversation.id}/messages`, {
      token: admin,
      body: { text: 'Bună ziua! Cu ce vă putem ajuta?' },
    });
    expect(sent.status).toBe(202);
    expect(await replyArrived).toMatchObject({ direction: 'out', text: 'Bună ziua! Cu ce vă putem ajuta?' });
    await waitFor(
      async () => (await t.db.select().from(messages).where(eq(messages.id, sent.body.id)))[0].status === 'sent',
      10_000,
      'reply sent',
    );
    first.socket.close();

    const reload = await visitor(t, token, first.ready.visitorToken);
    expect(reload.ready.visitorId).toBe(first.ready.visitorId);
    expect(reload.ready.history.map((m: any) => [m.direction, m.text])).toEqual([
      ['in', 'Bună, am o întrebare'],
      ['out', 'Bună ziua! Cu ce vă putem ajuta?'],
    ]);
    reload.socket.close();

    const forged = await visitor(t, token, `${first.ready.visitorId}.forged-signature`);
    expect(forged.ready.visitorId).not.toBe(first.ready.visitorId);
    expect(forged.ready.history).toEqual([]);
    forged.socket.close();
  });

  it('says a consultant is online when one has the desk open', async () => {
    await t.http('POST', '/api/users', {
      token: admin,
      body: { email: 'ana@test.local', fullName: 'Ana', password: 'consultant-password-1', role: 'consultant' },
    });
    const desk = io(`${t.baseUrl}/agent`, {
      auth: { token: await t.login('ana@test.local', 'consultant-password-1') },
      transports: ['websocket'],
    });
    await new Promise((r) => desk.on('session:ready', r));
    const v = await visitor(t, token);
    expect(v.ready.online).toBe(true);
    v.socket.close();
    desk.close();
  });

  it('rejects unknown accounts and accepts uploads within the size and type limits', async () => {
    const unknown = io(`${t.baseUrl}/webchat`, {
      auth: { account: 'nope' },
      transports: ['websocket'],
      forceNew: true,
    });
    const error = await new Promise<Error>((resolve) => unknown.on('connect_error', resolve));
    expect(error.message).toBe('unknown_account');
    unknown.close();

    const v = await visitor(t, token);
    const upload = (blob: Blob, name: string, visitorToken = v.ready.visitorToken) => {
      const body = new FormData();
      body.append('file', blob, name);
      return fetch(`${t.baseUrl}/api/webchat/uploads`, {
        method: 'POST',
        body,
        headers: { 'x-webchat-account': token, 'x-visitor-token': visitorToken },
      });
    };
    const ok = await upload(new Blob([Buffer.from('%PDF-1.7 test')], { type: 'application/pdf' }), 'cerere.pdf');
    expect(ok.status).toBe(201);
    const file: any = await ok.json();
    expect(file).toMatchObject({
      fileName: 'cerere.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 13,
      storageKey: expect.stringContaining(v.ready.visitorId),
    });
    expect((await upload(new Blob([Buffer.alloc(20_000)], { type: 'application/pdf' }), 'big.pdf')).status).toBe(400);
    expect((await upload(new Blob(['MZ'], { type: 'application/x-msdownload' }), 'x.exe')).status).toBe(400);
    expect((await upload(new Blob(['x'], { type: 'text/plain' }), 'a.txt', 'v_forged.token')).status).toBe(401);

    const ack = await v.socket.emitWithAck('webchat:send', {
      attachments: [
        { storageKey: file.storageKey, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes },
      ],
    });
    expect(ack.ok).toBe(true);
    const [row] = await t.db.select().from(messages).where(eq(messages.id, ack.messageId));
    expect(row.attachments).toMatchObject([{ kind: 'file', fileName: 'cerere.pdf', storageKey: file.storageKey }]);
    const stream = await fetch(`${t.baseUrl}/api/messages/${row.id}/attachments/0`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(Buffer.from(await stream.arrayBuffer()).toString()).toBe('%PDF-1.7 test');
    const stolen = await v.socket.emitWithAck('webchat:send', {
      attachments: [{ storageKey: 'webchat/v_someoneelse1234/abc', mimeType: 'application/pdf' }],
    });
    expect(stolen).toMatchObject({ ok: false, error: 'validation_failed' });
    v.socket.close();
  });
});
