import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRecipients } from '../../src/campaigns/campaigns.schema.js';
import { messages } from '../../src/conversations/conversations.schema.js';
import { TWILIO, createAccount, twilioSignature, type Account } from '../conversations/support/channel-fixtures.js';
import {
  formOf,
  jsonOf,
  startFakeProviderApi,
  type FakeProviderApi,
} from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createContact, createSegment, createTemplate, waitFor } from './support/campaign-fixtures.js';
import { PUBLIC_URL, waitForCampaignDone } from './support/campaign-run.js';

const GATEWAY_SECRET = 'gw-callback-secret-0123456789';

describe(
  'SMS router delivery reports: Twilio status callbacks and a signed JSON gateway callback',
  { timeout: 120_000 },
  () => {
    let t: TestApp;
    let admin: string;
    let api: FakeProviderApi;
    let account: Account;
    let campaignId: string;
    let sequence = 0;
    const people: Record<string, any> = {};

    const gatewayReport = (report: Record<string, unknown>, secret = GATEWAY_SECRET) => {
      const body = JSON.stringify(report);
      const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      return t.http('POST', `${account.webhookPath}?provider=md-gateway`, {
        body,
        headers: { 'content-type': 'application/json', 'x-gateway-signature': signature },
      });
    };
    const twilioCallback = (fields: Record<string, string>, authToken = TWILIO.authToken) => {
      const path = `${account.webhookPath}?provider=twilio`;
      return t.http('POST', path, {
        body: new URLSearchParams(fields).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(`${PUBLIC_URL}${path}`, fields, authToken),
        },
      });
    };
    const messageTo = async (contactId: string) => {
      const [row] = await t.db
        .select({ message: messages, state: campaignRecipients.state })
        .from(campaignRecipients)
        .innerJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(eq(campaignRecipients.contactId, contactId));
      return row.message;
    };
    const recipientStatus = async (contactId: string) => {
      const list = await t.http('GET', `/api/campaigns/${campaignId}/recipients`, { token: admin });
      return list.body.find((r: any) => r.contactId === contactId).status;
    };

    beforeAll(async () => {
      api = await startFakeProviderApi((req) => {
        sequence += 1;
        if (req.pathname === '/gw/send') return { body: { id: `gw-${sequence}` } };
        if (req.pathname.endsWith('/Messages.json'))
          return {
            status: 201,
            body: { sid: `SM${String(sequence).padStart(32, '0')}`, account_sid: TWILIO.accountSid, status: 'queued' },
          };
        return { status: 404, body: {} };
      });
      t = await createTestApp({ PUBLIC_URL, OUTBOX_SWEEP_INTERVAL_MS: '200', CAMPAIGN_TICK_MS: '200' });
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
              from: 'CONSULT',
              bodyTemplate: { to: '{{toDigits}}', text: '{{text}}', callback: '{{statusCallbackUrl}}' },
              responseMessageIdPath: 'id',
              statusCallback: {
                secret: GATEWAY_SECRET,
                signatureHeader: 'X-Gateway-Signature',
                signaturePrefix: 'sha256=',
                messageIdPath: 'id',
                statusPath: 'state',
                errorPath: 'reason',
                timestampPath: 'doneAt',
                statuses: { ACCEPTD: 'sent', DELIVRD: 'delivered', UNDELIV: 'failed' },
              },
            },
          ],
        },
      });
      people.md = await createContact(t, admin, { firstName: 'Ion', tags: ['route'], phones: ['+37369500001'] });
      people.ro = await createContact(t, admin, { firstName: 'Ioana', tags: ['route'], phones: ['+40721500002'] });
      people.md2 = await createContact(t, admin, { firstName: 'Vasile', tags: ['route'], phones: ['+37369500003'] });
      const template = await createTemplate(t, admin, {
        key: 'route-report',
        name: 'Route',
        channel: 'sms',
        format: 'text',
        locale: 'ro',
        body: 'Salut, {{contact.firstName}}!',
      });
      const segment = await createSegment(t, admin, 'Route', 'route');
      const created = await t.http('POST', '/api/campaigns', {
        token: admin,
        body: {
          name: 'Route',
          templateId: template.id,
          segmentId: segment.id,
          channelAccountId: account.id,
          ratePerMinute: 600,
        },
      });
      campaignId = created.body.id;
      expect((await t.http('POST', `/api/campaigns/${campaignId}/start`, { token: admin })).status).toBe(200);
      await waitForCampaignDone(t, campaignId);
    }, 180_000);
    afterAll(async () => {
      await t?.close();
      await api?.close();
    }, 60_000);

    it('asks each provider to report to the account webhook with its own ?provider=', async () => {
      const callback = `${PUBLIC_URL}${account.webhookPath}`;
      const gateway = api.requests.filter((r) => r.pathname === '/gw/send').map(jsonOf);
      expect(gateway).toHaveLength(2);
      expect(gateway[0].callback).toBe(`${callback}?provider=md-gateway`);
      const twilio = api.requests.filter((r) => r.pathname.endsWith('/Messages.json')).map(formOf);
      expect(twilio).toEqual([
        expect.objectContaining({ To: '+40721500002', StatusCallback: `${callback}?provider=twilio` }),
      ]);
      expect((await messageTo(people.md.id)).providerMessageId).toMatch(/^md-gateway:gw-\d+$/);
      expect((await messageTo(people.ro.id)).providerMessageId).toMatch(/^twilio:SM\d{32}$/);
    });

    it('a signed gateway report moves the message and the recipient to delivered; forged ones are 401; replays and late reports never go back', async () => {
      const message = await messageTo(people.md.id);
      const id = message.providerMessageId!.replace('md-gateway:', '');
      expect(message.status).toBe('sent');

      expect((await gatewayReport({ id, state: 'DELIVRD' }, 'not-the-secret-at-all')).status).toBe(401);
      const unsigned = await t.http('POST', `${account.webhookPath}?provider=md-gateway`, {
        body: JSON.stringify({ id, state: 'DELIVRD' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(unsigned.status).toBe(401);
      const body = JSON.stringify({ id, state: 'DELIVRD' });
      const withoutProvider = await t.http('POST', account.webhookPath, {
        body,
        headers: {
          'content-type': 'application/json',
          'x-gateway-signature': `sha256=${createHmac('sha256', GATEWAY_SECRET).update(body).digest('hex')}`,
        },
      });
      expect(withoutProvider.status).toBe(401);
      expect((await messageTo(people.md.id)).status).toBe('sent');

      const at = '2026-12-01T10:15:00.000Z';
      expect((await gatewayReport({ id, state: 'DELIVRD', doneAt: at })).status).toBe(200);
      const delivered = await messageTo(people.md.id);
      expect(delivered).toMatchObject({ status: 'delivered' });
      expect(delivered.deliveredAt?.toISOString()).toBe(at);
      expect(await recipientStatus(people.md.id)).toBe('delivered');

      expect((await gatewayReport({ id, state: 'DELIVRD', doneAt: at })).status).toBe(200);
      expect((await gatewayReport({ id, state: 'ACCEPTD' })).status).toBe(200);
      expect(await messageTo(people.md.id)).toMatchObject({ status: 'delivered', deliveredAt: delivered.deliveredAt });

      const other = (await messageTo(people.md2.id)).providerMessageId!.replace('md-gateway:', '');
      expect((await gatewayReport({ id: other, state: 'UNDELIV', reason: 'absent subscriber' })).status).toBe(200);
      expect(await messageTo(people.md2.id)).toMatchObject({ status: 'failed', error: 'absent subscriber' });
      expect(await recipientStatus(people.md2.id)).toBe('failed');
      expect((await gatewayReport({ id: 'gw-unknown', state: 'DELIVRD' })).status).toBe(200);
    });

    it('a Twilio status callback (signature over the URL with ?provider=) updates the Twilio-routed message', async () => {
      const sid = (await messageTo(people.ro.id)).providerMessageId!.replace('twilio:', '');
      const fields = {
        MessageSid: sid,
        MessageStatus: 'delivered',
        AccountSid: TWILIO.accountSid,
        To: '+40721500002',
        From: TWILIO.fromNumber,
      };
      expect((await twilioCallback(fields, 'a-wrong-auth-token-0000000000000')).status).toBe(401);
      expect((await messageTo(people.ro.id)).status).toBe('sent');
      expect((await twilioCallback(fields)).status).toBe(200);
      await waitFor(async () => (await messageTo(people.ro.id)).status === 'delivered', 10_000, 'delivered');
      expect((await twilioCallback({ ...fields, MessageStatus: 'sent' })).status).toBe(200);
      expect((await messageTo(people.ro.id)).status).toBe('delivered');
      expect(await recipientStatus(people.ro.id)).toBe('delivered');
      // a provider the router does not have cannot report
      const path = `${account.webhookPath}?provider=nobody`;
      const res = await t.http('POST', path, {
        body: new URLSearchParams(fields).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(`${PUBLIC_URL}${path}`, fields),
        },
      });
      expect(res.status).toBe(401);
    });
  },
);
