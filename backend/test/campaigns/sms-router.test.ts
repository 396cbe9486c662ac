import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/conversations/conversations.schema.js';
import { TWILIO, createAccount, type Account } from '../conversations/support/channel-fixtures.js';
import {
  formOf,
  jsonOf,
  startFakeProviderApi,
  type FakeProviderApi,
} from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createContact, createTemplate, waitFor } from './support/campaign-fixtures.js';

describe('SMS through the sms-router account: cheapest provider first, next on failure', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: string;
  let api: FakeProviderApi;
  let account: Account;
  let gatewayDown = false;

  beforeAll(async () => {
    api = await startFakeProviderApi((req) => {
      if (req.pathname === '/gw/send')
        return gatewayDown ? { status: 502, body: 'Bad Gateway' } : { body: { id: 'gw-1001' } };
      if (req.pathname.endsWith('/Messages.json'))
        return {
          status: 201,
          body: { sid: 'SM22222222222222222222222222222222', account_sid: TWILIO.accountSid, status: 'queued' },
        };
      return { status: 404, body: {} };
    });
    t = await createTestApp({ OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'sms-router',
      name: 'SMS (cheapest route)',
      config: {
        providers: [
          { kind: 'twilio', name: 'twilio', pricing: { default: 0.079 }, ...TWILIO, apiBaseUrl: api.baseUrl },
          {
            kind: 'http',
            name: 'md-gateway',
            pricing: { byPrefix: { '+373': 0.021 } },
            url: `${api.baseUrl}/gw/send`,
            auth: { kind: 'bearer', token: 'gw-secret-token' },
            from: 'CONSULT',
            bodyTemplate: { from: '{{from}}', to: '{{toDigits}}', text: '{{text}}' },
            responseMessageIdPath: 'id',
          },
        ],
      },
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await api?.close();
  }, 60_000);

  it('masks the providers’ secrets in the account view and keeps them when the masked view is saved back', async () => {
    expect(account.channel).toBe('sms');
    const providers = account.config.providers as any[];
    expect(providers[0]).toMatchObject({ name: 'twilio', authToken: '********', accountSid: TWILIO.accountSid });
    expect(providers[1].auth).toEqual({ kind: 'bearer', token: '********' });
    const saved = await t.http('PATCH', `/api/channel-accounts/${account.id}`, {
      token: admin,
      body: { config: account.config },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.config.providers[1].auth.token).toBe('********');
  });

  it('sends a template SMS through the cheapest provider for the number, then falls back to Twilio', async () => {
    const contact = await createContact(t, admin, { firstName: 'Ion', language: 'ro', phones: ['+37369123456'] });
    const template = await createTemplate(t, admin, {
      key: 'sms-route',
      name: 'SMS',
      channel: 'sms',
      format: 'text',
      locale: 'ro',
      body: 'Buna ziua, {{contact.firstName}}!',
    });
    const send = async () => {
      const res = await t.http('POST', `/api/contacts/${contact.id}/template-sends`, {
        token: admin,
        body: { templateId: template.id, channelAccountId: account.id },
      });
      expect(res.status).toBe(202);
      return waitFor(
        async () => {
          const [row] = await t.db.select().from(messages).where(eq(messages.id, res.body.id));
          return row.status === 'sent' ? row : undefined;
        },
        60_000,
        'sms sent',
      );
    };
    api.requests.length = 0;
    expect((await send()).providerMessageId).toBe('md-gateway:gw-1001');
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].headers.authorization).toBe('Bearer gw-secret-token');
    expect(jsonOf(api.requests[0])).toEqual({ from: 'CONSULT', to: '37369123456', text: 'Buna ziua, Ion!' });

    gatewayDown = true;
    api.requests.length = 0;
    expect((await send()).providerMessageId).toBe('twilio:SM22222222222222222222222222222222');
    expect(api.requests.map((r) => r.pathname)).toEqual([
      '/gw/send',
      `/2010-04-01/Accounts/${TWILIO.accountSid}/Messages.json`,
    ]);
    // the secrets saved back through the masked view are still the real ones
    expect(api.requests[1].headers.authorization).toBe(
      `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`,
    );
    expect(formOf(api.requests[1])).toEqual({ To: '+37369123456', From: TWILIO.fromNumber, Body: 'Buna ziua, Ion!' });
  });
});
