import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundRequest } from '../src/channel-adapter.js';
import { ViberChannelAdapter } from '../src/viber/index.js';
import { fixtureText, jsonInboundRequest } from './support/inbound-request.js';
import { jsonOf, startRecordingHttpServer, type RecordingHttpServer } from './support/recording-http-server.js';

const AUTH_TOKEN = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';

function signed(fixture: string, token = AUTH_TOKEN): InboundRequest {
  const raw = fixtureText(`viber/${fixture}`);
  return jsonInboundRequest(raw, {
    'x-viber-content-signature': createHmac('sha256', token).update(raw).digest('hex'),
  });
}

describe('ViberChannelAdapter', () => {
  let api: RecordingHttpServer;
  let adapter: ViberChannelAdapter;

  beforeEach(async () => {
    let token = 5741311803571721300n;
    api = await startRecordingHttpServer((req) => {
      const body = jsonOf(req) as { receiver: string };
      if (body.receiver === 'unsubscribed-user=') {
        return { body: '{"status":6,"status_message":"notSubscribed","chat_hostname":"SN-CHAT-05_"}' };
      }
      token += 1n;
      // Written by hand: the token is a 64-bit integer, as Viber sends it.
      return {
        headers: { 'content-type': 'application/json' },
        body: `{"status":0,"status_message":"ok","message_token":${token},"chat_hostname":"SN-CHAT-05_"}`,
      };
    });
    adapter = new ViberChannelAdapter({
      authToken: AUTH_TOKEN,
      senderName: 'Consult Centre',
      senderAvatarUrl: 'https://crm.example.com/avatar.jpg',
      apiBaseUrl: `${api.baseUrl}/pa`,
    });
  });
  afterEach(() => api.close());

  describe('verify', () => {
    it('accepts the HMAC-SHA256 hex signature of the raw body keyed with the auth token', () => {
      expect(adapter.verify(signed('message-text.json'))).toBe(true);
    });
    it("agrees with the viber-bot SDK's own MessageValidator", () => {
      type Validator = { validateMessage(signature: string, body: string): boolean };
      const MessageValidator = createRequire(import.meta.url)('viber-bot/lib/message/message-validator.js') as new (
        logger: unknown,
        token: string,
      ) => Validator;
      const sdkValidator = new MessageValidator({ debug() {} }, AUTH_TOKEN);
      const request = signed('message-text.json');
      const signature = request.headers['x-viber-content-signature'] as string;
      expect(sdkValidator.validateMessage(signature, request.rawBody.toString('utf8'))).toBe(true);
      expect(adapter.verify(request)).toBe(true);
    });
    it('accepts the signature in ?sig= as the viber-bot middleware does', () => {
      const raw = fixtureText('viber/message-text.json');
      const sig = createHmac('sha256', AUTH_TOKEN).update(raw).digest('hex');
      expect(adapter.verify(jsonInboundRequest(raw, {}, `https://crm.example.com/webhooks/viber?sig=${sig}`))).toBe(
        true,
      );
    });
    it('rejects forged, tampered and missing signatures', () => {
      expect(adapter.verify(signed('message-text.json', 'another-token'))).toBe(false);
      const tampered = signed('message-text.json');
      tampered.rawBody = Buffer.from(tampered.rawBody.toString().replace('коли', 'чи'));
      expect(adapter.verify(tampered)).toBe(false);
      expect(adapter.verify(jsonInboundRequest(fixtureText('viber/message-text.json')))).toBe(false);
    });
  });

  describe('parse', () => {
    it('maps a text message keeping the 64-bit message_token exact', () => {
      const { messages, statuses } = adapter.parse(signed('message-text.json'));
      expect(statuses).toEqual([]);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message.channel).toBe('viber');
      expect(message.providerMessageId).toBe('5741311803571721087');
      expect(message.providerChatId).toBe('01234567890A=');
      expect(message.sender).toEqual({ providerUserId: '01234567890A=', name: 'Taras Shevchuk', language: 'uk' });
      expect(message.text).toBe('Доброго дня, коли можна прийти?');
      expect(message.attachments).toEqual([]);
      expect(message.sentAt).toEqual(new Date(1732352000123));
    });

    it('maps a picture with its caption', () => {
      const [message] = adapter.parse(signed('message-picture.json')).messages;
      expect(message.text).toBe('Фото паспорта');
      expect(message.attachments).toEqual([
        {
          kind: 'image',
          url: 'https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/95e0/5688fdffdaa9bd8d1a61e69c4fcf1d6f8a0a2ae2c88f67b1b6765d8b5ac1e957.jpg',
          fileName: 'IMG_20241123.jpg',
          sizeBytes: 234501,
        },
      ]);
    });

    it('maps a file, and an audio file as a voice note', () => {
      expect(adapter.parse(signed('message-file.json')).messages[0].attachments).toEqual([
        {
          kind: 'file',
          url: 'https://dl-media.viber.com/5/media/2/short/any/sig/file/statement.pdf',
          fileName: 'statement.pdf',
          sizeBytes: 10240,
        },
      ]);
      expect(adapter.parse(signed('message-voice-file.json')).messages[0].attachments).toEqual([
        {
          kind: 'voice',
          url: 'https://dl-media.viber.com/5/media/2/short/any/sig/file/voice_note.m4a',
          fileName: 'voice_note.m4a',
          sizeBytes: 48211,
          durationSeconds: 12,
        },
      ]);
    });

    it('maps subscribed and conversation_started as lifecycle events', () => {
      const subscribed = adapter.parse(signed('subscribed.json'));
      expect(subscribed.messages).toEqual([]);
      expect(subscribed.lifecycle).toEqual([
        {
          channel: 'viber',
          kind: 'subscribed',
          providerChatId: '01234567890A=',
          sender: { providerUserId: '01234567890A=', name: 'Taras Shevchuk', language: 'uk' },
          at: new Date(1732351900000),
          raw: expect.objectContaining({ event: 'subscribed', message_token: '5741311803571721001' }),
        },
      ]);
      const started = adapter.parse(signed('conversation-started.json'));
      expect(started.lifecycle?.[0]).toMatchObject({
        kind: 'conversation_started',
        providerChatId: '09876543210B=',
        sender: { providerUserId: '09876543210B=', name: 'Iryna', language: 'ru' },
      });
    });

    it('maps delivered and failed callbacks to statuses', () => {
      expect(adapter.parse(signed('delivered.json')).statuses).toEqual([
        {
          channel: 'viber',
          providerMessageId: '5741311803571721234',
          status: 'delivered',
          at: new Date(1732352300000),
        },
      ]);
      expect(adapter.parse(signed('failed.json')).statuses).toEqual([
        {
          channel: 'viber',
          providerMessageId: '5741311803571721235',
          status: 'failed',
          at: new Date(1732352310000),
          error: 'failure description',
        },
      ]);
    });
  });

  describe('send', () => {
    it('POSTs send_message with X-Viber-Auth-Token and returns the exact message_token', async () => {
      const result = await adapter.send({ to: '01234567890A=', text: 'Чекаємо вас о 12:00' });
      expect(result).toEqual({ providerMessageId: '5741311803571721301' });
      expect(api.requests).toHaveLength(1);
      const [request] = api.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/pa/send_message');
      expect(request.headers['x-viber-auth-token']).toBe(AUTH_TOKEN);
      expect(request.headers['content-type']).toBe('application/json');
      expect(jsonOf(request)).toEqual({
        receiver: '01234567890A=',
        min_api_version: 1,
        sender: { name: 'Consult Centre', avatar: 'https://crm.example.com/avatar.jpg' },
        type: 'text',
        text: 'Чекаємо вас о 12:00',
      });
    });

    it('sends a picture with the text as its caption, then a file', async () => {
      await adapter.send({
        to: '01234567890A=',
        text: 'Схема проїзду',
        attachments: [
          { url: 'https://files.example.com/map.jpg', mimeType: 'image/jpeg' },
          {
            url: 'https://files.example.com/contract.pdf',
            mimeType: 'application/pdf',
            fileName: 'contract.pdf',
            sizeBytes: 52000,
          },
        ],
      });
      const bodies = api.requests.map((r) => jsonOf(r) as Record<string, unknown>);
      expect(bodies.map(({ type, text, media, size, file_name }) => ({ type, text, media, size, file_name }))).toEqual([
        {
          type: 'picture',
          text: 'Схема проїзду',
          media: 'https://files.example.com/map.jpg',
          size: undefined,
          file_name: undefined,
        },
        {
          type: 'file',
          text: undefined,
          media: 'https://files.example.com/contract.pdf',
          size: 52000,
          file_name: 'contract.pdf',
        },
      ]);
    });

    it('reports a non-zero Viber status as an error', async () => {
      await expect(adapter.send({ to: 'unsubscribed-user=', text: 'hi' })).rejects.toThrow(
        'Viber send_message refused: notSubscribed (status 6)',
      );
    });
  });
});
