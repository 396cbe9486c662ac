import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAccounts } from '../../src/conversations/conversations.schema.js';
import { pipelines } from '../../src/pipelines/pipelines.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  META,
  TELEGRAM,
  TWILIO,
  VIBER,
  contactOfIdentity,
  conversationWithMessages,
  counts,
  createAccount,
  postMeta,
  postTelegram,
  postTwilio,
  postViber,
  telegramUpdate,
  type Account,
} from './support/channel-fixtures.js';

describe('inbound channel webhooks', () => {
  let t: TestApp;
  let admin: string;
  let consultantId: string;
  let consultantToken: string;
  const accounts: Record<string, Account> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    const user = await t.http('POST', '/api/users', {
      token: admin,
      body: { email: 'ana@test.local', fullName: 'Ana Popescu', password: 'consultant-password-1', role: 'consultant' },
    });
    consultantId = user.body.id;
    consultantToken = await t.login('ana@test.local', 'consultant-password-1');
    accounts.telegram = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Telegram bot',
      config: { ...TELEGRAM, apiRoot: 'http://127.0.0.1:9' },
    });
    accounts.sms = await createAccount(t, admin, {
      provider: 'twilio',
      name: 'SMS',
      config: { ...TWILIO, channel: 'sms', apiBaseUrl: 'http://127.0.0.1:9' },
    });
    accounts.whatsapp = await createAccount(t, admin, {
      provider: 'twilio',
      name: 'WhatsApp',
      config: { ...TWILIO, channel: 'whatsapp', apiBaseUrl: 'http://127.0.0.1:9' },
    });
    accounts.messenger = await createAccount(t, admin, {
      provider: 'meta',
      name: 'Facebook page',
      config: { ...META, channel: 'messenger', graphApiBaseUrl: 'http://127.0.0.1:9' },
    });
    accounts.viber = await createAccount(t, admin, {
      provider: 'viber',
      name: 'Viber bot',
      config: { ...VIBER, apiBaseUrl: 'http://127.0.0.1:9/pa' },
    });
  });
  afterAll(() => t?.close());

  it('keeps channel secrets encrypted at rest and masked in the API', async () => {
    const [row] = await t.db.select().from(channelAccounts).where(eq(channelAccounts.id, accounts.telegram.id));
    expect(JSON.stringify(row.config)).not.toContain(TELEGRAM.botToken);
    expect(row.config).toMatchObject({
      v: 1,
      iv: expect.any(String),
      tag: expect.any(String),
      data: expect.any(String),
    });
    expect(accounts.telegram.config).toMatchObject({
      botToken: '********',
      webhookSecretToken: '********',
      apiRoot: 'http://127.0.0.1:9',
    });
    expect(accounts.telegram.webhookPath).toMatch(/^\/api\/webhooks\/telegram\/[\w-]{20,}$/);
  });

  it('Telegram: a signed message creates contact, conversation, message, card and consult task once; the assignee is notified', async () => {
    const socket: Socket = io(`${t.baseUrl}/agent`, { auth: { token: consultantToken }, transports: ['websocket'] });
    // Test apps share one Redis (and so the Socket.IO adapter channel): wait for this chat's event.
    const pushed = new Promise<any>((resolve) =>
      socket.on('conversation:message', (e: any) => e.conversation?.providerChatId === '412339876' && resolve(e)),
    );
    await new Promise((resolve) => socket.on('session:ready', resolve));
    const before = await counts(t);
    const body = telegramUpdate(1, 1021, 412339876, 'Добрый день! Хочу записаться на консультацию.');
    const res = await postTelegram(t, accounts.telegram, body);
    expect(res.status).toBe(200);
    const contact = await contactOfIdentity(t, 'telegram', '412339876');
    expect(contact).toMatchObject({
      displayName: 'Olena Kovalenko',
      source: 'telegram',
      language: 'ru',
      responsibleUserId: consultantId,
    });
    const thread = await conversationWithMessages(t, contact!.id);
    expect(thread.conversation).toMatchObject({
      channel: 'telegram',
      providerChatId: '412339876',
      status: 'open',
      unreadCount: 1,
      assigneeUserId: consultantId,
    });
    expect(thread.messages).toMatchObject([
      {
        direction: 'in',
        providerMessageId: '412339876:1021',
        text: 'Добрый день! Хочу записаться на консультацию.',
        status: 'received',
      },
    ]);
    expect(thread.cards).toHaveLength(1);
    const [pipeline] = await t.db.select().from(pipelines).where(eq(pipelines.id, thread.cards[0].pipelineId));
    expect(pipeline.code).toBe('ads-landing');
    expect(thread.conversation.cardId).toBe(thread.cards[0].id);
    expect(thread.tasks).toMatchObject([
      { type: 'consultation', status: 'open', assigneeUserId: consultantId, cardId: thread.cards[0].id },
    ]);
    const event = await pushed;
    expect(event.message.text).toBe('Добрый день! Хочу записаться на консультацию.');
    expect(event.conversation.id).toBe(thread.conversation.id);
    socket.close();

    const afterFirst = await counts(t);
    expect(afterFirst.contacts - before.contacts).toBe(1);
    expect(afterFirst.messages - before.messages).toBe(1);
    // Telegram retries the same update: nothing is created twice.
    expect((await postTelegram(t, accounts.telegram, body)).status).toBe(200);
    expect(await counts(t)).toEqual(afterFirst);

    // A second message joins the same conversation and does not create another task while one is open.
    await postTelegram(t, accounts.telegram, telegramUpdate(2, 1022, 412339876, 'Ещё вопрос'));
    const second = await conversationWithMessages(t, contact!.id);
    expect(second.messages).toHaveLength(2);
    expect(second.conversation.unreadCount).toBe(2);
    expect(second.tasks).toHaveLength(1);
    const timeline = await t.http('GET', '/api/conversations?assignee=me', { token: consultantToken });
    expect(timeline.body.items[0]).toMatchObject({ id: thread.conversation.id, lastMessagePreview: 'Ещё вопрос' });
  });

  it('Telegram: a forged secret is 401 and stores nothing', async () => {
    const before = await counts(t);
    const res = await postTelegram(
      t,
      accounts.telegram,
      telegramUpdate(9, 2000, 999000111, 'forged'),
      'wh-secret-3f9b',
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_signature' });
    expect(await counts(t)).toEqual(before);
    expect(await contactOfIdentity(t, 'telegram', '999000111')).toBeUndefined();
  });

  it('Twilio SMS and WhatsApp: signed messages create records once; forged signature is 401; status callbacks update messages', async () => {
    const before = await counts(t);
    const sms = {
      MessageSid: 'SM9f1c2a7d4b8e4f0a9c3d2e1f0a9b8c7d',
      AccountSid: TWILIO.accountSid,
      From: '+37369123456',
      To: TWILIO.fromNumber,
      Body: 'Salut, am nevoie de o consultație',
      NumMedia: '0',
    };
    expect((await postTwilio(t, accounts.sms, sms)).status).toBe(200);
    expect((await postTwilio(t, accounts.sms, sms)).status).toBe(200);
    const smsContact = await contactOfIdentity(t, 'sms', '+37369123456');
    expect(smsContact?.displayName).toBe('+37369123456');
    const smsThread = await conversationWithMessages(t, smsContact!.id);
    expect(smsThread.messages).toMatchObject([
      { text: 'Salut, am nevoie de o consultație', providerMessageId: sms.MessageSid },
    ]);
    expect(smsThread.tasks).toHaveLength(1);

    // WhatsApp from the same phone finds the same contact by phone number.
    const wa = {
      MessageSid: 'SMwa000000000000000000000000000001',
      AccountSid: TWILIO.accountSid,
      From: 'whatsapp:+37369123456',
      To: `whatsapp:${TWILIO.fromNumber}`,
      Body: 'Și pe WhatsApp',
      ProfileName: 'Ion Rusu',
      WaId: '37369123456',
      NumMedia: '0',
    };
    expect((await postTwilio(t, accounts.whatsapp, wa)).status).toBe(200);
    expect((await postTwilio(t, accounts.whatsapp, wa)).status).toBe(200);
    const waThread = await conversationWithMessages(t, smsContact!.id);
    expect(waThread.tasks).toHaveLength(1); // the open consult task already covers the card
    const after = await counts(t);
    expect(after.contacts - before.contacts).toBe(1);
    expect(after.conversations - before.conversations).toBe(2);
    expect(after.messages - before.messages).toBe(2);

    const forged = await t.http('POST', accounts.sms.webhookPath, {
      body: new URLSearchParams({ ...sms, MessageSid: 'SMforged' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90LWEtc2lnbmF0dXJl' },
    });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ error: 'invalid_signature' });
    expect(await counts(t)).toEqual(after);
  });

  it('Meta Messenger: hub challenge, signed message once, forged 401', async () => {
    const challenge = await t.http(
      'GET',
      `${accounts.messenger.webhookPath}?hub.mode=subscribe&hub.verify_token=${META.verifyToken}&hub.challenge=1158201444`,
    );
    expect(challenge.status).toBe(200);
    expect(challenge.body).toBe(1158201444);
    const wrong = await t.http(
      'GET',
      `${accounts.messenger.webhookPath}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`,
    );
    expect(wrong.status).toBe(401);

    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: '104512345678901',
          time: 1732351000123,
          messaging: [
            {
              sender: { id: '6789012345678901' },
              recipient: { id: '104512345678901' },
              timestamp: 1732351000000,
              message: { mid: 'm_AbCdEf0123', text: 'Hi! What documents do I need?' },
            },
          ],
        },
      ],
    });
    const before = await counts(t);
    expect((await postMeta(t, accounts.messenger, body)).status).toBe(200);
    expect((await postMeta(t, accounts.messenger, body)).status).toBe(200);
    const contact = await contactOfIdentity(t, 'messenger', '6789012345678901');
    const thread = await conversationWithMessages(t, contact!.id);
    expect(thread.messages).toMatchObject([
      { text: 'Hi! What documents do I need?', providerMessageId: 'm_AbCdEf0123' },
    ]);
    expect(thread.tasks).toHaveLength(1);
    const after = await counts(t);
    expect(after.messages - before.messages).toBe(1);
    const signature = `sha256=${createHmac('sha256', META.appSecret).update(body).digest('hex')}`;
    const tampered = await t.http('POST', accounts.messenger.webhookPath, {
      body: body.replace('Hi!', 'Hi?'),
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    });
    expect(tampered.status).toBe(401);
    expect((await postMeta(t, accounts.messenger, body, 'another-secret')).status).toBe(401);
    expect(await counts(t)).toEqual(after);
  });

  it('Viber: signed message once (64-bit token kept exact), forged 401, unknown account 404', async () => {
    const body = `{"event":"message","timestamp":1732352000123,"chat_hostname":"SN-CHAT-05_","message_token":5741311803571721087,"sender":{"id":"01234567890A=","name":"Taras Shevchuk","language":"uk","country":"UA","api_version":10},"message":{"type":"text","text":"Доброго дня, коли можна прийти?"},"silent":false}`;
    const before = await counts(t);
    expect((await postViber(t, accounts.viber, body)).status).toBe(200);
    expect((await postViber(t, accounts.viber, body)).status).toBe(200);
    const contact = await contactOfIdentity(t, 'viber', '01234567890A=');
    const thread = await conversationWithMessages(t, contact!.id);
    expect(thread.messages).toMatchObject([
      { providerMessageId: '5741311803571721087', text: 'Доброго дня, коли можна прийти?' },
    ]);
    expect(thread.tasks).toHaveLength(1);
    const after = await counts(t);
    expect(after).toMatchObject({
      contacts: before.contacts + 1,
      messages: before.messages + 1,
      tasks: before.tasks + 1,
    });
    expect((await postViber(t, accounts.viber, body, 'another-token')).status).toBe(401);
    expect(await counts(t)).toEqual(after);
    const unknown = await t.http('POST', '/api/webhooks/viber/not-a-token', {
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unknown.status).toBe(404);
  });

  it('moves conversations to the survivor when two contacts are merged', async () => {
    const viberContact = await contactOfIdentity(t, 'viber', '01234567890A=');
    const messengerContact = await contactOfIdentity(t, 'messenger', '6789012345678901');
    const merged = await t.http('POST', `/api/contacts/${messengerContact!.id}/merge`, {
      token: admin,
      body: { duplicateId: viberContact!.id },
    });
    expect(merged.status).toBeLessThan(300);
    const list = await t.http('GET', `/api/conversations?contactId=${messengerContact!.id}`, { token: admin });
    expect(list.body.items.map((c: any) => c.channel).sort()).toEqual(['messenger', 'viber']);
    expect(
      (await t.http('GET', `/api/conversations?contactId=${viberContact!.id}`, { token: admin })).body.items,
    ).toEqual([]);
  });
});
