import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, outbox } from '../../src/conversations/conversations.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  META,
  TELEGRAM,
  TWILIO,
  VIBER,
  contactOfIdentity,
  conversationWithMessages,
  createAccount,
  postMeta,
  postTelegram,
  postTwilio,
  postViber,
  telegramUpdate,
  waitFor,
  type Account,
} from './support/channel-fixtures.js';
import { formOf, jsonOf, startFakeProviderApi, type FakeProviderApi } from './support/fake-provider-api.js';

describe('outbound replies through the outbox and the outbound-messages queue', () => {
  let t: TestApp;
  let admin: string;
  let api: FakeProviderApi;
  let failNext = 0;
  const accounts: Record<string, Account> = {};

  beforeAll(async () => {
    api = await startFakeProviderApi((req) => {
      if (failNext > 0) {
        failNext--;
        return { status: 503, body: { ok: false, error_code: 503, description: 'Service Unavailable' } };
      }
      if (req.pathname.endsWith('/sendMessage'))
        return {
          body: {
            ok: true,
            result: { message_id: 2001, date: 1732350400, chat: { id: 412339876, type: 'private' }, text: 'ok' },
          },
        };
      if (req.pathname.endsWith('/Messages.json'))
        return {
          status: 201,
          body: { sid: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f', account_sid: TWILIO.accountSid, status: 'queued' },
        };
      if (req.pathname.endsWith('/me/messages'))
        return { body: { recipient_id: '6789012345678901', message_id: 'm_sent_1' } };
      if (req.pathname.endsWith('/send_message'))
        return {
          headers: { 'content-type': 'application/json' },
          body: '{"status":0,"status_message":"ok","message_token":5741311803571721301,"chat_hostname":"SN-CHAT-05_"}',
        };
      return { status: 404, body: {} };
    });
    t = await createTestApp({ OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    accounts.telegram = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Telegram bot',
      config: { ...TELEGRAM, apiRoot: api.baseUrl },
    });
    accounts.sms = await createAccount(t, admin, {
      provider: 'twilio',
      name: 'SMS',
      config: { ...TWILIO, channel: 'sms', apiBaseUrl: api.baseUrl },
    });
    accounts.messenger = await createAccount(t, admin, {
      provider: 'meta',
      name: 'Page',
      config: { ...META, channel: 'messenger', graphApiBaseUrl: api.baseUrl, graphApiVersion: 'v23.0' },
    });
    accounts.viber = await createAccount(t, admin, {
      provider: 'viber',
      name: 'Viber',
      config: { ...VIBER, apiBaseUrl: `${api.baseUrl}/pa` },
    });
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  async function reply(conversationId: string, text: string) {
    api.requests.length = 0;
    const res = await t.http('POST', `/api/conversations/${conversationId}/messages`, { token: admin, body: { text } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ direction: 'out', status: 'queued', text });
    const sent = await waitFor(
      async () => {
        const [row] = await t.db.select().from(messages).where(eq(messages.id, res.body.id));
        return row.status === 'sent' || row.status === 'failed' ? row : undefined;
      },
      20_000,
      'the message to be sent',
    );
    return sent;
  }

  it('Telegram: the reply reaches the Bot API sendMessage with the exact JSON', async () => {
    await postTelegram(t, accounts.telegram, telegramUpdate(1, 1021, 412339876, 'Salut'));
    const contact = await contactOfIdentity(t, 'telegram', '412339876');
    const { conversation } = await conversationWithMessages(t, contact!.id);
    const sent = await reply(conversation.id, 'Bună ziua! Consultantul vă răspunde în 5 minute.');
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: '412339876:2001' });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].method).toBe('POST');
    expect(api.requests[0].url).toBe(`/bot${TELEGRAM.botToken}/sendMessage`);
    expect(jsonOf(api.requests[0])).toEqual({
      chat_id: '412339876',
      text: 'Bună ziua! Consultantul vă răspunde în 5 minute.',
    });
    await waitFor(
      async () =>
        (
          await t.db
            .select()
            .from(outbox)
            .where(eq(outbox.payload, { messageId: sent.id }))
        )[0].doneAt,
      5_000,
      'outbox done',
    );
    const list = await t.http('GET', `/api/conversations/${conversation.id}/messages`, { token: admin });
    expect(list.body.items.map((m: any) => m.direction)).toEqual(['out', 'in']);
  });

  it('Twilio SMS: the reply is the exact Messages.json form with Basic auth; a status callback marks it delivered', async () => {
    const fields = {
      MessageSid: 'SMin00000000000000000000000000001',
      AccountSid: TWILIO.accountSid,
      From: '+37369123456',
      To: TWILIO.fromNumber,
      Body: 'Bună',
      NumMedia: '0',
    };
    await postTwilio(t, accounts.sms, fields);
    const contact = await contactOfIdentity(t, 'sms', '+37369123456');
    const { conversation } = await conversationWithMessages(t, contact!.id);
    const sent = await reply(conversation.id, 'Vă așteptăm mâine la 10:00');
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f' });
    const [request] = api.requests;
    expect(request.url).toBe(`/2010-04-01/Accounts/${TWILIO.accountSid}/Messages.json`);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`,
    );
    expect(formOf(request)).toEqual({
      To: '+37369123456',
      From: TWILIO.fromNumber,
      Body: 'Vă așteptăm mâine la 10:00',
    });

    const status = {
      MessageSid: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f',
      MessageStatus: 'delivered',
      AccountSid: TWILIO.accountSid,
      From: TWILIO.fromNumber,
      To: '+37369123456',
    };
    expect((await postTwilio(t, accounts.sms, status)).status).toBe(200);
    const [row] = await t.db.select().from(messages).where(eq(messages.id, sent.id));
    expect(row.status).toBe('delivered');
    expect(row.deliveredAt).not.toBeNull();
  });

  it('Meta Messenger: the reply is POSTed to /v23.0/me/messages with the page token', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: 1,
          messaging: [
            {
              sender: { id: '6789012345678901' },
              recipient: { id: 'P' },
              timestamp: 1732351000000,
              message: { mid: 'm_in_1', text: 'Hi' },
            },
          ],
        },
      ],
    });
    await postMeta(t, accounts.messenger, body);
    const contact = await contactOfIdentity(t, 'messenger', '6789012345678901');
    const { conversation } = await conversationWithMessages(t, contact!.id);
    const sent = await reply(conversation.id, 'Hello from the centre');
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'm_sent_1' });
    expect(api.requests[0].url).toBe(`/v23.0/me/messages?access_token=${META.pageAccessToken}`);
    expect(jsonOf(api.requests[0])).toEqual({
      recipient: { id: '6789012345678901' },
      messaging_type: 'RESPONSE',
      message: { text: 'Hello from the centre' },
    });
  });

  it('Viber: the reply is send_message with the auth token header and sender; a provider outage is retried with backoff', async () => {
    const inbound = `{"event":"message","timestamp":1732352000123,"message_token":5741311803571721087,"sender":{"id":"01234567890A=","name":"Taras"},"message":{"type":"text","text":"Salut"}}`;
    await postViber(t, accounts.viber, inbound);
    const contact = await contactOfIdentity(t, 'viber', '01234567890A=');
    const { conversation } = await conversationWithMessages(t, contact!.id);
    failNext = 1;
    const sent = await reply(conversation.id, 'Vă răspundem imediat');
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: '5741311803571721301' });
    expect(api.requests).toHaveLength(2); // the 503, then the retry
    const last = api.requests[1];
    expect(last.url).toBe('/pa/send_message');
    expect(last.headers['x-viber-auth-token']).toBe(VIBER.authToken);
    expect(jsonOf(last)).toEqual({
      receiver: '01234567890A=',
      min_api_version: 1,
      sender: { name: VIBER.senderName },
      type: 'text',
      text: 'Vă răspundem imediat',
    });
    const row = await waitFor(
      async () =>
        (
          await t.db
            .select()
            .from(outbox)
            .where(eq(outbox.payload, { messageId: sent.id }))
        )[0],
      5_000,
      'outbox row',
    );
    expect(row.attempts).toBe(1);
  });

  it('rejects an empty reply with the fields to fix', async () => {
    const list = await t.http('GET', '/api/conversations?channel=viber', { token: admin });
    const res = await t.http('POST', `/api/conversations/${list.body.items[0].id}/messages`, {
      token: admin,
      body: {},
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', fields: { text: expect.any(String) } });
  });
});
