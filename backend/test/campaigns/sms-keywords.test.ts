import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { smsKeywordIntent } from '../../src/campaigns/sms-keywords.js';
import { SmsKeywordSubscriber } from '../../src/campaigns/sms-keyword.subscriber.js';
import { contactPhones, contacts } from '../../src/contacts/contacts.schema.js';
import { messages } from '../../src/conversations/conversations.schema.js';
import { timelineEntries } from '../../src/timeline/timeline.schema.js';
import { TWILIO, createAccount, postTwilio, type Account } from '../conversations/support/channel-fixtures.js';
import { formOf, startFakeProviderApi, type FakeProviderApi } from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createContact, createSegment, createTemplate, waitFor } from './support/campaign-fixtures.js';
import { waitForCampaignDone } from './support/campaign-run.js';

const OPT_OUT_REPLY = 'V-ati dezabonat de la SMS-urile Centrului. Trimiteti START pentru a reveni.';
const OPT_IN_REPLY = 'Ati revenit la SMS-urile Centrului.';

describe('SMS STOP / START keywords (a consumer of message.received)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: string;
  let api: FakeProviderApi;
  let account: Account;
  let sid = 0;

  const inbound = (from: string, body: string, messageSid = `SM${String(++sid).padStart(32, '0')}`) =>
    postTwilio(t, account, {
      MessageSid: messageSid,
      AccountSid: TWILIO.accountSid,
      From: from,
      To: TWILIO.fromNumber,
      Body: body,
    });
  const contactOf = async (phone: string) => {
    const [row] = await t.db
      .select({ id: contacts.id, consent: contacts.consent })
      .from(contactPhones)
      .innerJoin(contacts, eq(contacts.id, contactPhones.contactId))
      .where(eq(contactPhones.e164, phone));
    return row;
  };
  const sentTo = (phone: string) =>
    api.requests
      .filter((r) => r.pathname.endsWith('/Messages.json'))
      .map(formOf)
      .filter((f) => f.To === phone);

  beforeAll(async () => {
    api = await startFakeProviderApi((req) =>
      req.pathname.endsWith('/Messages.json')
        ? {
            status: 201,
            body: { sid: `SMout${Date.now()}${Math.random()}`, account_sid: TWILIO.accountSid, status: 'queued' },
          }
        : { status: 404, body: {} },
    );
    t = await createTestApp({
      OUTBOX_SWEEP_INTERVAL_MS: '200',
      CAMPAIGN_TICK_MS: '200',
      SMS_OPT_OUT_REPLY: OPT_OUT_REPLY,
      SMS_OPT_IN_REPLY: OPT_IN_REPLY,
    });
    admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'twilio',
      name: 'SMS',
      config: { ...TWILIO, channel: 'sms', apiBaseUrl: api.baseUrl },
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await api?.close();
  }, 60_000);

  it('recognises the keywords whatever the case, spacing, diacritics or punctuation, and only a whole-message keyword', () => {
    for (const text of [
      'STOP',
      ' stop ',
      'Stop All',
      'stop  all',
      'UNSUBSCRIBE',
      'cancel',
      'End.',
      'quit!',
      'Dezabonare',
      'dezabonează',
      'СТОП',
      'стоп',
      ' Отписаться ',
      'отписка',
    ])
      expect(smsKeywordIntent(text), text).toBe('opt_out');
    for (const text of ['START', 'unstop', 'Старт']) expect(smsKeywordIntent(text), text).toBe('opt_in');
    for (const text of ['stop calling me at work', 'Please stop', 'STOPPED', '', 'stops', undefined])
      expect(smsKeywordIntent(text), String(text)).toBeUndefined();
  });

  it('STOP turns SMS consent off (audited, on the timeline) and confirms once; START turns it back on', async () => {
    const phone = '+37369400001';
    expect((await inbound(phone, 'Buna ziua, am o intrebare')).status).toBe(200);
    const contact = await waitFor(() => contactOf(phone), 20_000, 'the contact');
    expect(contact.consent.sms).toBeUndefined();

    expect((await inbound(phone, '  Stop ')).status).toBe(200);
    await waitFor(async () => (await contactOf(phone)).consent.sms === false, 20_000, 'sms consent off');
    expect((await contactOf(phone)).consent).toMatchObject({ sms: false, source: 'sms keyword: Stop' });
    await waitFor(async () => sentTo(phone).length === 1, 20_000, 'the confirmation');
    expect(sentTo(phone)[0]).toMatchObject({ Body: OPT_OUT_REPLY, From: TWILIO.fromNumber });

    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, contact.id), eq(auditEvents.action, 'contact.unsubscribe')));
    expect(audit).toMatchObject({ actorLabel: 'sms-keyword' });
    const entries = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, contact.id), eq(timelineEntries.kind, 'consent_changed')));
    expect(entries.map((e) => e.summary)).toEqual([
      expect.objectContaining({ channel: 'sms', value: false, via: 'sms_keyword', keyword: 'Stop' }),
    ]);

    // the event redelivered (a retried job): nothing changes and nothing is sent again
    const [stop] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'in'), eq(messages.text, '  Stop ')));
    const subscriber = t.app.get(SmsKeywordSubscriber);
    await subscriber.handle({
      id: 1,
      type: 'message.received',
      occurredAt: new Date(),
      causation: { depth: 0, ruleIds: [] },
      data: {
        channel: 'sms',
        channelAccountId: account.id,
        conversationId: stop.conversationId,
        contactId: contact.id,
        cardId: null,
        messageId: stop.id,
      },
    });
    const outbound = () =>
      t.db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, stop.conversationId), eq(messages.direction, 'out')));
    expect(await outbound()).toHaveLength(1);

    expect((await inbound(phone, 'START')).status).toBe(200);
    await waitFor(async () => (await contactOf(phone)).consent.sms === true, 20_000, 'sms consent on');
    await waitFor(async () => sentTo(phone).length === 2, 20_000, 'the opt-in confirmation');
    expect(sentTo(phone)[1].Body).toBe(OPT_IN_REPLY);
  });

  it('Romanian and Russian keywords work too; an ordinary message changes nothing', async () => {
    await inbound('+37369400002', 'DEZABONARE');
    await inbound('+37369400003', 'СТОП');
    await inbound('+37369400004', 'stop trimiterea facturilor pe adresa veche');
    await waitFor(async () => (await contactOf('+37369400002'))?.consent.sms === false, 20_000, 'ro opt-out');
    await waitFor(async () => (await contactOf('+37369400003'))?.consent.sms === false, 20_000, 'ru opt-out');
    await waitFor(() => contactOf('+37369400004'), 20_000, 'the third contact');
    await waitFor(async () => sentTo('+37369400003').length === 1, 20_000, 'ru confirmation');
    expect((await contactOf('+37369400004')).consent.sms).toBeUndefined();
    expect(sentTo('+37369400004')).toEqual([]);
  });

  it('an SMS campaign skips a contact who sent STOP', async () => {
    const stopped = await createContact(t, admin, { firstName: 'Oleg', tags: ['sms-promo'], phones: ['+37369400010'] });
    const reachable = await createContact(t, admin, {
      firstName: 'Nina',
      tags: ['sms-promo'],
      phones: ['+37369400011'],
    });
    await inbound('+37369400010', 'stop all');
    await waitFor(async () => (await contactOf('+37369400010')).consent.sms === false, 20_000, 'opt-out');
    const template = await createTemplate(t, admin, {
      key: 'sms-promo',
      name: 'Promo',
      channel: 'sms',
      format: 'text',
      locale: 'ro',
      body: 'Seminar gratuit, {{contact.firstName}}!',
    });
    const segment = await createSegment(t, admin, 'SMS promo', 'sms-promo');
    const created = await t.http('POST', '/api/campaigns', {
      token: admin,
      body: {
        name: 'SMS promo',
        templateId: template.id,
        segmentId: segment.id,
        channelAccountId: account.id,
        ratePerMinute: 600,
      },
    });
    expect(created.status).toBe(201);
    expect((await t.http('POST', `/api/campaigns/${created.body.id}/start`, { token: admin })).status).toBe(200);
    await waitForCampaignDone(t, created.body.id);
    const recipients = await t.http('GET', `/api/campaigns/${created.body.id}/recipients`, { token: admin });
    const byContact = Object.fromEntries(recipients.body.map((r: any) => [r.contactId, r]));
    expect(byContact[stopped.id]).toMatchObject({ status: 'skipped', skipReason: 'opted_out' });
    expect(byContact[reachable.id].status).toBe('sent');
    expect(sentTo('+37369400011').map((f) => f.Body)).toEqual(['Seminar gratuit, Nina!']);
    expect(sentTo('+37369400010').filter((f) => f.Body.startsWith('Seminar'))).toEqual([]);
  });
});
