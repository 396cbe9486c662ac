import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundRequest } from '../src/channel-adapter.js';
import { MetaMessagingChannelAdapter, type MetaMessagingConfig } from '../src/meta/index.js';
import { fixtureText, jsonInboundRequest } from './support/inbound-request.js';
import { jsonOf, startRecordingHttpServer, type RecordingHttpServer } from './support/recording-http-server.js';

const APP_SECRET = 'c0ffee00deadbeef0123456789abcdef';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAPageToken';

function signed(fixture: string, secret = APP_SECRET): InboundRequest {
  const raw = fixtureText(`meta/${fixture}`);
  const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return jsonInboundRequest(raw, { 'x-hub-signature-256': signature });
}

function handshake(query: Record<string, string>): InboundRequest {
  const url = new URL('https://crm.example.com/webhooks/meta');
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return { headers: {}, rawBody: Buffer.alloc(0), body: undefined, query, url: url.href, method: 'GET' };
}

describe('MetaMessagingChannelAdapter', () => {
  let graph: RecordingHttpServer;
  let adapter: MetaMessagingChannelAdapter;
  const config = (overrides: Partial<MetaMessagingConfig> = {}): MetaMessagingConfig => ({
    channel: 'messenger',
    appSecret: APP_SECRET,
    verifyToken: 'consult-crm-verify',
    pageAccessToken: PAGE_TOKEN,
    graphApiBaseUrl: graph.baseUrl,
    graphApiVersion: 'v23.0',
    ...overrides,
  });

  beforeEach(async () => {
    let counter = 0;
    graph = await startRecordingHttpServer((req) => {
      const body = jsonOf(req) as { recipient: { id: string } };
      if (body.recipient.id === 'blocked-user') {
        return {
          status: 400,
          body: {
            error: {
              message: "(#551) This person isn't available right now.",
              type: 'OAuthException',
              code: 551,
              fbtrace_id: 'A1',
            },
          },
        };
      }
      counter += 1;
      return { body: { recipient_id: body.recipient.id, message_id: `m_sent_${counter}` } };
    });
    adapter = new MetaMessagingChannelAdapter(config());
  });
  afterEach(() => graph.close());

  describe('subscription handshake (GET)', () => {
    const valid = { 'hub.mode': 'subscribe', 'hub.verify_token': 'consult-crm-verify', 'hub.challenge': '1158201444' };
    it('verifies the token and replies with the challenge', () => {
      expect(adapter.verify(handshake(valid))).toBe(true);
      expect(adapter.parse(handshake(valid))).toEqual({
        messages: [],
        statuses: [],
        reply: { status: 200, body: '1158201444', contentType: 'text/plain' },
      });
    });
    it('rejects a wrong verify token or mode', () => {
      expect(adapter.verify(handshake({ ...valid, 'hub.verify_token': 'guess' }))).toBe(false);
      expect(adapter.verify(handshake({ ...valid, 'hub.mode': 'unsubscribe' }))).toBe(false);
      expect(adapter.verify(handshake({ 'hub.challenge': '1' }))).toBe(false);
    });
  });

  describe('verify (POST)', () => {
    it('accepts X-Hub-Signature-256 computed with the app secret over the raw body', () => {
      expect(adapter.verify(signed('messenger-text.json'))).toBe(true);
    });
    it('rejects a signature made with another secret, a tampered body, a sha1 header and no header', () => {
      expect(adapter.verify(signed('messenger-text.json', 'another-secret'))).toBe(false);
      const tampered = signed('messenger-text.json');
      tampered.rawBody = Buffer.from(tampered.rawBody.toString().replace('Hi!', 'Hi?'));
      expect(adapter.verify(tampered)).toBe(false);
      const raw = fixtureText('meta/messenger-text.json');
      const sha1 = `sha1=${createHmac('sha1', APP_SECRET).update(raw).digest('hex')}`;
      expect(adapter.verify(jsonInboundRequest(raw, { 'x-hub-signature-256': sha1 }))).toBe(false);
      expect(adapter.verify(jsonInboundRequest(raw))).toBe(false);
    });
  });

  describe('parse', () => {
    it('maps a Messenger text message', () => {
      const { messages, statuses, watermarks } = adapter.parse(signed('messenger-text.json'));
      expect(statuses).toEqual([]);
      expect(watermarks).toEqual([]);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message.channel).toBe('messenger');
      expect(message.providerMessageId).toBe('m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
      expect(message.providerChatId).toBe('6789012345678901');
      expect(message.sender).toEqual({ providerUserId: '6789012345678901' });
      expect(message.text).toBe('Hi! What documents do I need for the consultation?');
      expect(message.attachments).toEqual([]);
      expect(message.sentAt).toEqual(new Date(1732351000000));
      expect(message.raw).toEqual(JSON.parse(fixtureText('meta/messenger-text.json')).entry[0].messaging[0]);
    });

    it('maps image, audio and file attachments and skips echoes of our own messages', () => {
      const { messages } = adapter.parse(signed('messenger-attachments.json'));
      expect(messages).toHaveLength(1);
      expect(messages[0].providerMessageId).toBe('m_attach_0001');
      expect(messages[0].text).toBeUndefined();
      expect(messages[0].attachments).toEqual([
        { kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?oh=1' },
        { kind: 'audio', url: 'https://cdn.fbsbx.com/v/t59.3654-21/audioclip.mp4?oh=2' },
        { kind: 'file', url: 'https://cdn.fbsbx.com/v/t59.2708-21/passport.pdf?oh=3' },
      ]);
    });

    it('maps delivery receipts per mid and a read watermark', () => {
      expect(adapter.parse(signed('messenger-delivery-read.json'))).toEqual({
        messages: [],
        statuses: [
          { channel: 'messenger', providerMessageId: 'm_out_0001', status: 'delivered', at: new Date(1732351110000) },
          { channel: 'messenger', providerMessageId: 'm_out_0002', status: 'delivered', at: new Date(1732351110000) },
        ],
        watermarks: [
          { channel: 'messenger', providerChatId: '6789012345678901', status: 'read', upTo: new Date(1732351115000) },
        ],
      });
    });

    it('maps object=instagram messages and per-message reads', () => {
      const instagram = new MetaMessagingChannelAdapter(config({ channel: 'instagram' }));
      const { messages, statuses } = instagram.parse(signed('instagram-text-and-read.json'));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        channel: 'instagram',
        providerMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAw',
        providerChatId: '1234567890123456',
        sender: { providerUserId: '1234567890123456' },
        text: 'Is there a free slot on Friday?',
        attachments: [{ kind: 'image', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1789' }],
        sentAt: new Date(1732351199000),
      });
      expect(statuses).toEqual([
        {
          channel: 'instagram',
          providerMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwOut',
          status: 'read',
          at: new Date(1732351205000),
        },
      ]);
    });

    it('ignores other webhook objects', () => {
      const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
      expect(adapter.parse(jsonInboundRequest(raw))).toEqual({ messages: [], statuses: [], watermarks: [] });
    });
  });

  describe('send', () => {
    it('POSTs the Send API request with recipient.id and message.text', async () => {
      const result = await adapter.send({ to: '6789012345678901', text: 'Bring your passport and tax ID.' });
      expect(result).toEqual({ providerMessageId: 'm_sent_1' });
      expect(graph.requests).toHaveLength(1);
      const [request] = graph.requests;
      expect(request.method).toBe('POST');
      expect(request.pathname).toBe('/v23.0/me/messages');
      expect(Object.fromEntries(request.query)).toEqual({ access_token: PAGE_TOKEN });
      expect(request.headers['content-type']).toBe('application/json');
      expect(jsonOf(request)).toEqual({
        recipient: { id: '6789012345678901' },
        messaging_type: 'RESPONSE',
        message: { text: 'Bring your passport and tax ID.' },
      });
    });

    it('sends each attachment as its own Send API call after the text', async () => {
      await adapter.send({
        to: '6789012345678901',
        text: 'Price list:',
        attachments: [{ url: 'https://files.example.com/prices.pdf', mimeType: 'application/pdf' }],
      });
      expect(graph.requests.map((r) => (jsonOf(r) as { message: unknown }).message)).toEqual([
        { text: 'Price list:' },
        { attachment: { type: 'file', payload: { url: 'https://files.example.com/prices.pdf', is_reusable: false } } },
      ]);
    });

    it('turns a Graph API error into a readable exception', async () => {
      await expect(adapter.send({ to: 'blocked-user', text: 'hello' })).rejects.toThrow(
        "Meta Send API rejected the message: (#551) This person isn't available right now. (code 551)",
      );
    });
  });
});
