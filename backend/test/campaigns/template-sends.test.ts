import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannelIdentities } from '../../src/contacts/contacts.schema.js';
import { conversations, messages } from '../../src/conversations/conversations.schema.js';
import { timelineEntries } from '../../src/timeline/timeline.schema.js';
import { TELEGRAM, TWILIO, createAccount, type Account } from '../conversations/support/channel-fixtures.js';
import {
  formOf,
  jsonOf,
  startFakeProviderApi,
  type FakeProviderApi,
} from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  createCard,
  createConsultant,
  createContact,
  createTemplate,
  pipelineWithStages,
  waitFor,
} from './support/campaign-fixtures.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';

describe('sending one template to one contact from the card', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: string;
  let consultantToken: string;
  let smtp: LocalSmtp;
  let api: FakeProviderApi;
  const accounts: Record<string, Account> = {};
  let contact: any;
  let card: any;
  let emailTemplate: any;

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    api = await startFakeProviderApi((req) => {
      if (req.pathname.endsWith('/sendMessage'))
        return {
          body: {
            ok: true,
            result: { message_id: 3001, date: 1732350400, chat: { id: 555000111, type: 'private' }, text: 'ok' },
          },
        };
      if (req.pathname.endsWith('/Messages.json'))
        return {
          status: 201,
          body: { sid: 'SM11111111111111111111111111111111', account_sid: TWILIO.accountSid, status: 'queued' },
        };
      return { status: 404, body: {} };
    });
    t = await createTestApp({ OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    const consultant = await createConsultant(t, admin);
    consultantToken = await t.login(consultant.email, 'consultant-password-1');
    accounts.email = await createAccount(t, admin, {
      provider: 'email',
      name: 'E-mail',
      config: emailAccountConfig(smtp.port),
    });
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
    contact = await createContact(t, admin, {
      firstName: 'Ion',
      lastName: 'Popescu',
      email: 'ion.popescu@example.md',
      language: 'ro',
      phones: ['+37369123456'],
      consent: { email: true, sms: true },
    });
    const pipeline = await pipelineWithStages(t, admin);
    card = await createCard(t, admin, {
      contactId: contact.id,
      pipelineId: pipeline.id,
      title: 'Plan de afaceri',
      responsibleUserId: consultant.id,
    });
    emailTemplate = await createTemplate(t, admin, {
      key: 'card-status',
      name: 'Stare',
      channel: 'email',
      format: 'html',
      locale: 'ro',
      subject: 'Dosarul {{consultation.title}}',
      body: '<p>Bună ziua, {{contact.firstName}}!</p><p>{{consultant.fullName}}</p>',
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await api?.close();
  }, 60_000);

  it('e-mail: queued on the contact thread and timeline, sent over SMTP with subject and HTML', async () => {
    const res = await t.http('POST', `/api/cards/${card.id}/template-sends`, {
      token: consultantToken,
      body: { templateId: emailTemplate.id },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      direction: 'out',
      status: 'queued',
      subject: 'Dosarul Plan de afaceri',
      text: expect.stringContaining('Bună ziua, Ion!'),
    });
    const sent = await waitFor(
      async () => {
        const [row] = await t.db.select().from(messages).where(eq(messages.id, res.body.id));
        return row.status === 'sent' ? row : undefined;
      },
      60_000,
      'the e-mail to be sent',
    );
    expect(sent.providerMessageId).toMatch(/@crm\.centru\.md>$/);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.rcptTo).toEqual(['ion.popescu@example.md']);
    expect(mail.parsed.subject).toBe('Dosarul Plan de afaceri');
    expect(mail.parsed.html).toContain('<p>Bună ziua, Ion!</p><p>Maria Ceban</p>');
    expect(mail.parsed.text).toContain('Bună ziua, Ion!');
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, sent.conversationId));
    expect(conversation).toMatchObject({
      contactId: contact.id,
      cardId: card.id,
      channel: 'email',
      providerChatId: 'ion.popescu@example.md',
      channelAccountId: accounts.email.id,
    });
    const thread = await t.http('GET', `/api/conversations/${conversation.id}/messages`, { token: admin });
    expect(thread.body.items.map((m: any) => m.id)).toContain(sent.id);
    const timeline = await t.db.select().from(timelineEntries).where(eq(timelineEntries.refId, sent.id));
    expect(timeline).toMatchObject([{ kind: 'message_out', contactId: contact.id, cardId: card.id }]);
  });

  it('SMS through Twilio and a messenger (Telegram) identity, with the exact provider requests', async () => {
    const sms = await createTemplate(t, admin, {
      key: 'sms-hello',
      name: 'SMS',
      channel: 'sms',
      format: 'text',
      locale: 'ro',
      body: 'Buna ziua, {{contact.firstName}}! {{consultant.fullName}}',
    });
    api.requests.length = 0;
    const res = await t.http('POST', `/api/contacts/${contact.id}/template-sends`, {
      token: admin,
      body: { templateId: sms.id, cardId: card.id },
    });
    expect(res.status).toBe(202);
    await waitFor(
      async () => (await t.db.select().from(messages).where(eq(messages.id, res.body.id)))[0].status === 'sent',
      60_000,
      'sms sent',
    );
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].url).toBe(`/2010-04-01/Accounts/${TWILIO.accountSid}/Messages.json`);
    expect(formOf(api.requests[0])).toEqual({
      To: '+37369123456',
      From: TWILIO.fromNumber,
      Body: 'Buna ziua, Ion! Maria Ceban',
    });

    const messenger = await createTemplate(t, admin, {
      key: 'chat-hello',
      name: 'Chat',
      channel: 'messenger',
      format: 'text',
      locale: 'ro',
      body: 'Salut, {{contact.firstName}}!',
    });
    const missing = await t.http('POST', `/api/contacts/${contact.id}/template-sends`, {
      token: admin,
      body: { templateId: messenger.id },
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ error: 'no_address', message: expect.stringContaining('telegram') });
    await t.db
      .insert(contactChannelIdentities)
      .values({ contactId: contact.id, channel: 'telegram', providerUserId: '555000111' });
    api.requests.length = 0;
    const chat = await t.http('POST', `/api/contacts/${contact.id}/template-sends`, {
      token: admin,
      body: { templateId: messenger.id },
    });
    expect(chat.status).toBe(202);
    await waitFor(
      async () => (await t.db.select().from(messages).where(eq(messages.id, chat.body.id)))[0].status === 'sent',
      60_000,
      'telegram sent',
    );
    expect(api.requests[0].url).toBe(`/bot${TELEGRAM.botToken}/sendMessage`);
    expect(jsonOf(api.requests[0])).toEqual({ chat_id: '555000111', text: 'Salut, Ion!' });
  });

  it('refuses with 422 when the contact opted out of the channel, or has no address', async () => {
    const optedOut = await createContact(t, admin, {
      firstName: 'Ana',
      email: 'ana@example.md',
      language: 'ro',
      consent: { email: false },
    });
    const before = smtp.received.length;
    const res = await t.http('POST', `/api/contacts/${optedOut.id}/template-sends`, {
      token: admin,
      body: { templateId: emailTemplate.id },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'contact_opted_out',
      message: expect.stringContaining('opted out of e-mail'),
    });
    expect(
      await t.db
        .select()
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(eq(conversations.contactId, optedOut.id)),
    ).toHaveLength(0);
    const noEmail = await createContact(t, admin, { firstName: 'Vasile', language: 'ro', phones: ['+37369000222'] });
    const res2 = await t.http('POST', `/api/contacts/${noEmail.id}/template-sends`, {
      token: admin,
      body: { templateId: emailTemplate.id },
    });
    expect(res2.status).toBe(422);
    expect(res2.body.error).toBe('no_address');
    const wrongAccount = await t.http('POST', `/api/contacts/${contact.id}/template-sends`, {
      token: admin,
      body: { templateId: emailTemplate.id, channelAccountId: accounts.sms.id },
    });
    expect(wrongAccount.status).toBe(400);
    expect(wrongAccount.body.fields).toHaveProperty('channelAccountId');
    expect(smtp.received.length).toBe(before);
  });
});
