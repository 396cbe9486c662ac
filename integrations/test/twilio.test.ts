import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundRequest } from '../src/channel-adapter.js';
import { TwilioChannelAdapter, type TwilioConfig } from '../src/twilio/index.js';
import { fixtureText } from './support/inbound-request.js';
import {
  basicAuth,
  formOf,
  startRecordingHttpServer,
  type RecordingHttpServer,
} from './support/recording-http-server.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = '12345678901234567890123456789012';
const WEBHOOK_URL = 'https://crm.example.com/webhooks/twilio/sms?tenant=kyiv';
const RECEIVED_AT = new Date('2026-11-23T10:00:00.000Z');

/** Twilio's documented scheme: HMAC-SHA1(authToken, url + sorted(key + value)), base64. */
function twilioSignature(url: string, fields: Record<string, string>): string {
  const payload = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], url);
  return createHmac('sha1', AUTH_TOKEN).update(payload, 'utf8').digest('base64');
}

function formRequest(fixture: string, signature?: string): InboundRequest {
  const fields = JSON.parse(fixtureText(`twilio/${fixture}`)) as Record<string, string>;
  const rawBody = new URLSearchParams(fields).toString();
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === undefined ? {} : { 'x-twilio-signature': signature }),
    },
    rawBody: Buffer.from(rawBody),
    body: fields,
    query: { tenant: 'kyiv' },
    url: WEBHOOK_URL,
  };
}

function fixtureFields(fixture: string): Record<string, string> {
  return JSON.parse(fixtureText(`twilio/${fixture}`)) as Record<string, string>;
}

describe('TwilioChannelAdapter', () => {
  let api: RecordingHttpServer;
  const config = (overrides: Partial<TwilioConfig> = {}): TwilioConfig => ({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    channel: 'sms',
    fromNumber: '+14155550100',
    statusCallbackUrl: 'https://crm.example.com/webhooks/twilio/status',
    apiBaseUrl: api.baseUrl,
    ...overrides,
  });

  beforeEach(async () => {
    api = await startRecordingHttpServer((req) =>
      req.method === 'GET'
        ? { headers: { 'content-type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) }
        : {
            status: 201,
            body: {
              sid: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f',
              account_sid: ACCOUNT_SID,
              status: 'queued',
              to: '+380671234567',
              from: '+14155550100',
              body: 'Your consultation is confirmed for 12:00',
              api_version: '2010-04-01',
              uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f.json`,
            },
          },
    );
  });
  afterEach(() => api.close());

  describe('verify', () => {
    it('accepts a correctly signed webhook', () => {
      const adapter = new TwilioChannelAdapter(config());
      const signature = twilioSignature(WEBHOOK_URL, fixtureFields('inbound-sms.json'));
      expect(adapter.verify(formRequest('inbound-sms.json', signature))).toBe(true);
    });

    it('rejects a forged signature, a signature for another URL and a missing header', () => {
      const adapter = new TwilioChannelAdapter(config());
      const fields = fixtureFields('inbound-sms.json');
      const forged = createHmac('sha1', 'not-the-auth-token').update(WEBHOOK_URL).digest('base64');
      expect(adapter.verify(formRequest('inbound-sms.json', forged))).toBe(false);
      const otherUrl = twilioSignature('https://attacker.example.com/webhooks/twilio/sms?tenant=kyiv', fields);
      expect(adapter.verify(formRequest('inbound-sms.json', otherUrl))).toBe(false);
      expect(adapter.verify(formRequest('inbound-sms.json'))).toBe(false);
    });

    it('rejects a body tampered after signing', () => {
      const adapter = new TwilioChannelAdapter(config());
      const signature = twilioSignature(WEBHOOK_URL, fixtureFields('inbound-sms.json'));
      const request = formRequest('inbound-sms.json', signature);
      request.rawBody = Buffer.from(request.rawBody.toString().replace('tax+return', 'refund'));
      expect(adapter.verify(request)).toBe(false);
    });
  });

  describe('parse', () => {
    it('maps an inbound SMS', () => {
      const adapter = new TwilioChannelAdapter(config(), () => RECEIVED_AT);
      const { messages, statuses } = adapter.parse(formRequest('inbound-sms.json'));
      expect(statuses).toEqual([]);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message.channel).toBe('sms');
      expect(message.providerMessageId).toBe('SM9f1c2a7d4b8e4f0a9c3d2e1f0a9b8c7d');
      expect(message.providerChatId).toBe('+380671234567');
      expect(message.sender).toEqual({ providerUserId: '+380671234567', phone: '+380671234567' });
      expect(message.text).toBe('Hello, I need a consultation about my tax return');
      expect(message.attachments).toEqual([]);
      expect(message.sentAt).toEqual(RECEIVED_AT);
      expect(message.raw).toEqual(fixtureFields('inbound-sms.json'));
    });

    it('maps an inbound WhatsApp message with media and profile name', () => {
      const adapter = new TwilioChannelAdapter(config({ channel: 'whatsapp' }), () => RECEIVED_AT);
      const [message] = adapter.parse(formRequest('inbound-whatsapp-media.json')).messages;
      expect(message.channel).toBe('whatsapp');
      expect(message.providerMessageId).toBe('MMa1b2c3d4e5f60718293a4b5c6d7e8f90');
      expect(message.providerChatId).toBe('whatsapp:+380671234567');
      expect(message.sender).toEqual({ providerUserId: '380671234567', phone: '+380671234567', name: 'Olena K' });
      expect(message.text).toBe('Scan of the contract');
      const mediaBase = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MMa1b2c3d4e5f60718293a4b5c6d7e8f90/Media`;
      expect(message.attachments).toEqual([
        { kind: 'image', url: `${mediaBase}/ME11111111111111111111111111111111`, mimeType: 'image/jpeg' },
        { kind: 'file', url: `${mediaBase}/ME22222222222222222222222222222222`, mimeType: 'application/pdf' },
      ]);
    });

    it('maps delivery status callbacks', () => {
      const adapter = new TwilioChannelAdapter(config(), () => RECEIVED_AT);
      expect(adapter.parse(formRequest('status-delivered.json'))).toEqual({
        messages: [],
        statuses: [
          {
            channel: 'sms',
            providerMessageId: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f',
            status: 'delivered',
            at: RECEIVED_AT,
          },
        ],
      });
      expect(adapter.parse(formRequest('status-undelivered-whatsapp.json'))).toEqual({
        messages: [],
        statuses: [
          {
            channel: 'whatsapp',
            providerMessageId: 'SM7e6d5c4b3a291807f6e5d4c3b2a19080',
            status: 'failed',
            at: RECEIVED_AT,
            error: '63016',
          },
        ],
      });
    });
  });

  describe('send', () => {
    it('POSTs the exact form to the Messages resource with Basic auth and a status callback', async () => {
      const adapter = new TwilioChannelAdapter(config());
      const result = await adapter.send({ to: '+380671234567', text: 'Your consultation is confirmed for 12:00' });
      expect(result).toEqual({ providerMessageId: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f' });
      expect(api.requests).toHaveLength(1);
      const [request] = api.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
      expect(request.headers.authorization).toBe(basicAuth(ACCOUNT_SID, AUTH_TOKEN));
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.headers['user-agent']).toMatch(/^twilio-node\//);
      expect(formOf(request)).toEqual({
        To: '+380671234567',
        From: '+14155550100',
        Body: 'Your consultation is confirmed for 12:00',
        StatusCallback: 'https://crm.example.com/webhooks/twilio/status',
      });
    });

    it('prefixes WhatsApp addresses and sends media URLs', async () => {
      const adapter = new TwilioChannelAdapter(config({ channel: 'whatsapp', fromNumber: '+14155238886' }));
      await adapter.send({
        to: '+380671234567',
        text: 'Documents attached',
        attachments: [{ url: 'https://files.example.com/a.pdf' }, { url: 'https://files.example.com/b.jpg' }],
      });
      expect(formOf(api.requests[0])).toEqual({
        To: 'whatsapp:+380671234567',
        From: 'whatsapp:+14155238886',
        Body: 'Documents attached',
        MediaUrl: ['https://files.example.com/a.pdf', 'https://files.example.com/b.jpg'],
        StatusCallback: 'https://crm.example.com/webhooks/twilio/status',
      });
    });

    it('sends through a Messaging Service when configured', async () => {
      const adapter = new TwilioChannelAdapter(
        config({
          fromNumber: undefined,
          messagingServiceSid: 'MG2f0e1d2c3b4a59687f6e5d4c3b2a1f0e',
          statusCallbackUrl: undefined,
        }),
      );
      await adapter.send({ to: '+380671234567', text: 'Hi' });
      expect(formOf(api.requests[0])).toEqual({
        To: '+380671234567',
        MessagingServiceSid: 'MG2f0e1d2c3b4a59687f6e5d4c3b2a1f0e',
        Body: 'Hi',
      });
    });

    it('refuses attachments without a public URL before calling Twilio', async () => {
      const adapter = new TwilioChannelAdapter(config());
      await expect(adapter.send({ to: '+380671234567', attachments: [{ content: Buffer.from('x') }] })).rejects.toThrow(
        /public URL/,
      );
      expect(api.requests).toHaveLength(0);
    });
  });

  it('downloads media with the account credentials', async () => {
    const adapter = new TwilioChannelAdapter(config());
    const mediaPath = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MMa1/Media/ME11`;
    const file = await adapter.fetchAttachment({
      kind: 'image',
      url: `${api.baseUrl}${mediaPath}`,
      mimeType: 'image/jpeg',
    });
    expect(file).toEqual({ content: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), mimeType: 'image/jpeg' });
    const [request] = api.requests;
    expect(`${request.method} ${request.url}`).toBe(`GET ${mediaPath}`);
    expect(request.headers.authorization).toBe(basicAuth(ACCOUNT_SID, AUTH_TOKEN));
  });
});
