import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decideSmsFallback,
  renderJsonTemplate,
  ViberBusinessChannelAdapter,
  type ViberBusinessConfig,
} from '../src/viber-business/index.js';
import { fixtureText, jsonInboundRequest } from './support/inbound-request.js';
import { jsonOf, startRecordingHttpServer, type RecordingHttpServer } from './support/recording-http-server.js';

const RECEIVED_AT = new Date('2024-11-23T10:01:00.000Z');

function vendorConfig(sendUrl: string, overrides: Partial<ViberBusinessConfig> = {}): ViberBusinessConfig {
  return {
    sendUrl,
    authHeader: { name: 'Authorization', value: 'App 003026bbc133714df1834b8638bb496e-8f4b3d9a' },
    bodyTemplate: {
      messages: [
        {
          sender: '{{senderId}}',
          destinations: [{ to: '{{phoneDigits}}' }],
          content: { text: '{{text}}', type: 'TEXT' },
          validityPeriod: '{{ttlMinutes}}',
          webhooks: { delivery: { url: '{{statusCallbackUrl}}' } },
        },
      ],
    },
    templateValues: { senderId: 'ConsultCentre', ttlMinutes: 60 },
    statusCallbackUrl: 'https://crm.example.com/webhooks/viber-business/status',
    responseMessageIdPath: 'messages.0.messageId',
    statusCallback: {
      auth: { kind: 'shared-secret', header: 'X-Callback-Token', secret: 'cb-token-77' },
      itemsPath: 'results',
      messageIdPath: 'messageId',
      statusPath: 'status.groupName',
      statusMap: {
        PENDING: 'queued',
        DELIVERED: 'delivered',
        SEEN: 'read',
        UNDELIVERABLE: 'failed',
        EXPIRED: 'failed',
        REJECTED: 'failed',
      },
      timestampPath: 'doneAt',
      errorPath: 'error.name',
    },
    ...overrides,
  };
}

describe('renderJsonTemplate', () => {
  it('keeps the type of whole placeholders and interpolates inside strings', () => {
    expect(
      renderJsonTemplate(
        { a: '{{n}}', b: 'Hi {{name}}!', c: ['{{flag}}', 3, null] },
        { n: 60, name: 'Olena', flag: true },
      ),
    ).toEqual({
      a: 60,
      b: 'Hi Olena!',
      c: [true, 3, null],
    });
  });
  it('rejects unknown placeholders', () => {
    expect(() => renderJsonTemplate({ to: '{{phnoe}}' }, { phone: '+1' })).toThrow(
      'Body template uses {{phnoe}} but no such value was given',
    );
  });
});

describe('ViberBusinessChannelAdapter', () => {
  let vendor: RecordingHttpServer;

  beforeEach(async () => {
    vendor = await startRecordingHttpServer((req) => {
      const body = jsonOf(req) as { messages: { destinations: { to: string }[] }[] };
      if (body.messages[0].destinations[0].to === '380000000000')
        return { status: 400, body: { requestError: { serviceException: { text: 'Invalid destination' } } } };
      return {
        body: {
          messages: [
            {
              messageId: '3b9c1f4e-8a2d-4c7b-9e21-0f5a6d7c8b90',
              to: body.messages[0].destinations[0].to,
              status: { groupName: 'PENDING' },
            },
          ],
        },
      };
    });
  });
  afterEach(() => vendor.close());

  it('POSTs the rendered body with the auth header to the provider URL', async () => {
    const adapter = new ViberBusinessChannelAdapter(vendorConfig(`${vendor.baseUrl}/viber/2/messages`));
    const result = await adapter.send({ to: '+380671234567', text: 'Нагадуємо: консультація завтра о 12:00' });
    expect(result).toEqual({ providerMessageId: '3b9c1f4e-8a2d-4c7b-9e21-0f5a6d7c8b90' });
    expect(vendor.requests).toHaveLength(1);
    const [request] = vendor.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/viber/2/messages');
    expect(request.headers.authorization).toBe('App 003026bbc133714df1834b8638bb496e-8f4b3d9a');
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonOf(request)).toEqual({
      messages: [
        {
          sender: 'ConsultCentre',
          destinations: [{ to: '380671234567' }],
          content: { text: 'Нагадуємо: консультація завтра о 12:00', type: 'TEXT' },
          validityPeriod: 60,
          webhooks: { delivery: { url: 'https://crm.example.com/webhooks/viber-business/status' } },
        },
      ],
    });
  });

  it('reports a provider refusal with its HTTP status', async () => {
    const adapter = new ViberBusinessChannelAdapter(vendorConfig(`${vendor.baseUrl}/viber/2/messages`));
    await expect(adapter.send({ to: '+380000000000', text: 'x' })).rejects.toThrow(
      /^Viber business provider refused the message: HTTP 400 .*Invalid destination/,
    );
  });

  describe('status callbacks', () => {
    const raw = fixtureText('viber-business/delivery-reports.json');

    it('verifies a shared-secret header', () => {
      const adapter = new ViberBusinessChannelAdapter(vendorConfig('http://unused'));
      expect(adapter.verify(jsonInboundRequest(raw, { 'x-callback-token': 'cb-token-77' }))).toBe(true);
      expect(adapter.verify(jsonInboundRequest(raw, { 'x-callback-token': 'cb-token-78' }))).toBe(false);
      expect(adapter.verify(jsonInboundRequest(raw))).toBe(false);
    });

    it('verifies an HMAC-SHA256 signature header', () => {
      const base = vendorConfig('http://unused');
      const adapter = new ViberBusinessChannelAdapter({
        ...base,
        statusCallback: {
          ...base.statusCallback,
          auth: {
            kind: 'hmac-sha256',
            header: 'X-Signature',
            secret: 'hmac-key',
            encoding: 'base64',
            prefix: 'sha256=',
          },
        },
      });
      const good = `sha256=${createHmac('sha256', 'hmac-key').update(raw).digest('base64')}`;
      const forged = `sha256=${createHmac('sha256', 'other-key').update(raw).digest('base64')}`;
      expect(adapter.verify(jsonInboundRequest(raw, { 'x-signature': good }))).toBe(true);
      expect(adapter.verify(jsonInboundRequest(raw, { 'x-signature': forged }))).toBe(false);
    });

    it('maps a batch of delivery reports, skipping unknown statuses', () => {
      const adapter = new ViberBusinessChannelAdapter(vendorConfig('http://unused'), () => RECEIVED_AT);
      expect(adapter.parse(jsonInboundRequest(raw))).toEqual({
        messages: [],
        statuses: [
          {
            channel: 'viber',
            providerMessageId: '3b9c1f4e-8a2d-4c7b-9e21-0f5a6d7c8b90',
            status: 'delivered',
            at: new Date('2024-11-23T10:00:05.000Z'),
          },
          {
            channel: 'viber',
            providerMessageId: '7d2e4a10-55c1-4f8e-a3b9-1c2d3e4f5a6b',
            status: 'failed',
            at: new Date('2024-11-23T10:00:09.000Z'),
            error: 'EC_VIBER_USER_NOT_FOUND',
          },
          {
            channel: 'viber',
            providerMessageId: 'aa11bb22-0000-4000-8000-000000000003',
            status: 'queued',
            at: RECEIVED_AT,
          },
        ],
      });
    });
  });
});

describe('decideSmsFallback', () => {
  const policy = { undeliveredAfterSeconds: 120 };
  const sentAt = new Date('2024-11-23T10:00:00.000Z');
  const at = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);

  it('falls back at once when the send failed or the provider reported failure', () => {
    expect(decideSmsFallback(policy, { sentAt, sendFailed: true }, at(1))).toEqual({
      action: 'send-sms',
      reason: 'send-failed',
    });
    expect(decideSmsFallback(policy, { sentAt, lastStatus: 'failed' }, at(10))).toEqual({
      action: 'send-sms',
      reason: 'delivery-failed',
    });
  });

  it('waits until the deadline, then falls back if still undelivered', () => {
    expect(decideSmsFallback(policy, { sentAt, lastStatus: 'sent' }, at(30))).toEqual({
      action: 'wait',
      recheckAt: at(120),
    });
    expect(decideSmsFallback(policy, { sentAt }, at(119))).toEqual({ action: 'wait', recheckAt: at(120) });
    expect(decideSmsFallback(policy, { sentAt, lastStatus: 'queued' }, at(120))).toEqual({
      action: 'send-sms',
      reason: 'not-delivered-in-time',
    });
  });

  it('never falls back after delivery or a second time', () => {
    expect(decideSmsFallback(policy, { sentAt, lastStatus: 'delivered' }, at(500))).toEqual({
      action: 'none',
      reason: 'delivered',
    });
    expect(decideSmsFallback(policy, { sentAt, lastStatus: 'read' }, at(500))).toEqual({
      action: 'none',
      reason: 'delivered',
    });
    expect(decideSmsFallback(policy, { sentAt, sendFailed: true, smsFallbackAlreadySent: true }, at(500))).toEqual({
      action: 'none',
      reason: 'already-fell-back',
    });
  });
});
