import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/conversations/conversations.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TWILIO, createAccount, postTwilio, waitFor } from './support/channel-fixtures.js';
import { formOf, jsonOf, startFakeProviderApi, type FakeProviderApi } from './support/fake-provider-api.js';

describe('Viber business message with SMS fallback', () => {
  let t: TestApp;
  let api: FakeProviderApi;

  beforeAll(async () => {
    api = await startFakeProviderApi((req) => {
      if (req.pathname === '/v1/viber/send') return { body: { data: { message_id: 'vb-1001' } } };
      if (req.pathname.endsWith('/Messages.json'))
        return {
          status: 201,
          body: { sid: 'SMfallback0000000000000000000000001', account_sid: TWILIO.accountSid, status: 'queued' },
        };
      return { status: 404, body: {} };
    });
    t = await createTestApp({ OUTBOX_SWEEP_INTERVAL_MS: '200', VIBER_SMS_FALLBACK_MINUTES: '0.03' });
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it('sends through the viber-business account and re-sends by SMS when not delivered in time', async () => {
    const admin = await t.login();
    const viberBusiness = await createAccount(t, admin, {
      provider: 'viber-business',
      name: 'Viber business',
      config: {
        sendUrl: `${api.baseUrl}/v1/viber/send`,
        authHeader: { name: 'Authorization', value: 'Bearer vb-token' },
        bodyTemplate: { to: '{{phoneDigits}}', text: '{{text}}' },
        responseMessageIdPath: 'data.message_id',
        statusCallback: {
          auth: { kind: 'shared-secret', header: 'x-secret', secret: 's' },
          messageIdPath: 'id',
          statusPath: 'status',
          statusMap: { delivered: 'delivered' },
        },
      },
    });
    expect(viberBusiness.channel).toBe('viber');
    const sms = await createAccount(t, admin, {
      provider: 'twilio',
      name: 'SMS',
      config: { ...TWILIO, channel: 'sms', apiBaseUrl: api.baseUrl },
    });
    // A contact known by phone (they once sent an SMS).
    await postTwilio(t, sms, {
      MessageSid: 'SMin000000000000000000000000000009',
      AccountSid: TWILIO.accountSid,
      From: '+37369777888',
      To: TWILIO.fromNumber,
      Body: 'Salut',
      NumMedia: '0',
    });
    const contactId = (await t.http('GET', '/api/conversations?channel=sms', { token: admin })).body.items[0].contactId;

    const res = await t.http('POST', `/api/contacts/${contactId}/viber-business-message`, {
      token: admin,
      body: { text: 'Invitație la seminar', smsText: 'Invitatie la seminar (SMS)' },
    });
    expect(res.status).toBe(202);
    await waitFor(
      async () => (await t.db.select().from(messages).where(eq(messages.id, res.body.id)))[0].status === 'sent',
      10_000,
      'viber sent',
    );
    const viberRequest = api.requests.find((r) => r.pathname === '/v1/viber/send')!;
    expect(viberRequest.headers.authorization).toBe('Bearer vb-token');
    expect(jsonOf(viberRequest)).toEqual({ to: '37369777888', text: 'Invitație la seminar' });

    // Not delivered within the window: the delayed check sends the SMS text.
    const smsRequest = await waitFor(
      async () => api.requests.find((r) => r.pathname.endsWith('/Messages.json')),
      20_000,
      'the SMS fallback',
    );
    expect(formOf(smsRequest)).toEqual({
      To: '+37369777888',
      From: TWILIO.fromNumber,
      Body: 'Invitatie la seminar (SMS)',
    });

    const none = await t.http('POST', '/api/contacts/00000000-0000-4000-8000-000000000000/viber-business-message', {
      token: admin,
      body: { text: 'x' },
    });
    expect(none.status).toBe(422);
  }, 60_000);
});
