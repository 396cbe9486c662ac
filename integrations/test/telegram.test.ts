import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramChannelAdapter } from '../src/telegram/index.js';
import { fixtureText, jsonInboundRequest } from './support/inbound-request.js';
import {
  jsonOf,
  startRecordingHttpServer,
  type RecordedRequest,
  type RecordingHttpServer,
} from './support/recording-http-server.js';

const BOT_TOKEN = '7012345678:AAE-test-token';
const SECRET = 'wh-secret-3f9a';

function sentMessage(messageId: number, extra: object = {}) {
  return {
    ok: true,
    result: {
      message_id: messageId,
      date: 1732350400,
      chat: { id: 412339876, type: 'private', first_name: 'Olena' },
      ...extra,
    },
  };
}

function fakeBotApi(req: RecordedRequest) {
  if (req.pathname.endsWith('/sendMessage')) return { body: sentMessage(2001, { text: 'ok' }) };
  if (req.pathname.endsWith('/sendDocument')) return { body: sentMessage(2002) };
  if (req.pathname.endsWith('/getFile')) {
    return {
      body: {
        ok: true,
        result: {
          file_id: 'BQACAgIAAxkBAAIBs2S_doc',
          file_unique_id: 'AgADdoc',
          file_size: 9,
          file_path: 'documents/file_7.pdf',
        },
      },
    };
  }
  if (req.pathname === `/file/bot${BOT_TOKEN}/documents/file_7.pdf`) {
    return { headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7\n') };
  }
  return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
}

describe('TelegramChannelAdapter', () => {
  let api: RecordingHttpServer;
  let adapter: TelegramChannelAdapter;

  beforeEach(async () => {
    api = await startRecordingHttpServer(fakeBotApi);
    adapter = new TelegramChannelAdapter({ botToken: BOT_TOKEN, webhookSecretToken: SECRET, apiRoot: api.baseUrl });
  });
  afterEach(() => api.close());

  describe('verify', () => {
    const body = fixtureText('telegram/text-message.json');
    it('accepts the configured secret token header', () => {
      expect(adapter.verify(jsonInboundRequest(body, { 'x-telegram-bot-api-secret-token': SECRET }))).toBe(true);
    });
    it('rejects a forged or missing secret token', () => {
      expect(adapter.verify(jsonInboundRequest(body, { 'x-telegram-bot-api-secret-token': 'wh-secret-3f9b' }))).toBe(
        false,
      );
      expect(adapter.verify(jsonInboundRequest(body, { 'x-telegram-bot-api-secret-token': 'short' }))).toBe(false);
      expect(adapter.verify(jsonInboundRequest(body))).toBe(false);
    });
  });

  describe('parse', () => {
    const parse = (name: string) => adapter.parse(jsonInboundRequest(fixtureText(`telegram/${name}`)));

    it('maps a text message with the full sender profile', () => {
      const { messages, statuses } = parse('text-message.json');
      expect(statuses).toEqual([]);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message.channel).toBe('telegram');
      expect(message.providerMessageId).toBe('412339876:1021');
      expect(message.providerChatId).toBe('412339876');
      expect(message.sender).toEqual({
        providerUserId: '412339876',
        name: 'Olena Kovalenko',
        username: 'olena_k',
        language: 'uk',
      });
      expect(message.text).toBe('Добрий день! Хочу записатися на консультацію.');
      expect(message.attachments).toEqual([]);
      expect(message.sentAt).toEqual(new Date(1732350000 * 1000));
      expect(message.raw).toEqual(JSON.parse(fixtureText('telegram/text-message.json')));
    });

    it('takes the largest photo size and the caption as text', () => {
      const [message] = parse('photo-with-caption.json').messages;
      expect(message.text).toBe('Ось договір');
      expect(message.attachments).toEqual([
        { kind: 'image', providerFileId: 'AgACAgIAAxkBAAIBsmS_large', mimeType: 'image/jpeg', sizeBytes: 98211 },
      ]);
    });

    it('maps a document', () => {
      const [message] = parse('document.json').messages;
      expect(message.text).toBeUndefined();
      expect(message.attachments).toEqual([
        {
          kind: 'file',
          providerFileId: 'BQACAgIAAxkBAAIBs2S_doc',
          fileName: 'statement.pdf',
          mimeType: 'application/pdf',
          sizeBytes: 204800,
        },
      ]);
    });

    it('maps a voice note with its duration', () => {
      const [message] = parse('voice.json').messages;
      expect(message.attachments).toEqual([
        {
          kind: 'voice',
          providerFileId: 'AwACAgIAAxkBAAIBtGS_voice',
          mimeType: 'audio/ogg',
          sizeBytes: 18432,
          durationSeconds: 7,
        },
      ]);
    });

    it("takes the phone number from a user's own contact share", () => {
      const [message] = parse('contact.json').messages;
      expect(message.sender).toEqual({ providerUserId: '412339876', name: 'Olena Kovalenko', phone: '380671234567' });
      expect(message.text).toBeUndefined();
      expect(message.attachments).toEqual([]);
    });

    it('ignores updates that are not new messages', () => {
      expect(parse('edited-message.json')).toEqual({ messages: [], statuses: [] });
    });
  });

  describe('send', () => {
    it('POSTs sendMessage as JSON with a reply reference', async () => {
      const result = await adapter.send({
        to: '412339876',
        text: 'Вітаємо! Консультант відповість за 5 хвилин.',
        inReplyTo: '412339876:1021',
      });
      expect(result).toEqual({ providerMessageId: '412339876:2001' });
      expect(api.requests).toHaveLength(1);
      const [request] = api.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe(`/bot${BOT_TOKEN}/sendMessage`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(jsonOf(request)).toEqual({
        chat_id: '412339876',
        text: 'Вітаємо! Консультант відповість за 5 хвилин.',
        reply_parameters: { message_id: 1021 },
      });
    });

    it('uploads a document as multipart/form-data with the caption', async () => {
      const result = await adapter.send({
        to: '412339876',
        text: 'Ваш договір',
        attachments: [{ content: Buffer.from('contract-bytes'), fileName: 'contract.pdf' }],
      });
      expect(result).toEqual({ providerMessageId: '412339876:2002' });
      const [request] = api.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe(`/bot${BOT_TOKEN}/sendDocument`);
      expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      const multipart = request.body.toString('utf8');
      expect(multipart).toMatch(/name="chat_id"\r\n\r\n412339876\r\n/);
      expect(multipart).toMatch(/name="caption"\r\n\r\nВаш договір\r\n/);
      const attachRef = /name="document"\r\n\r\nattach:\/\/(\w+)\r\n/.exec(multipart)?.[1];
      expect(attachRef).toBeDefined();
      expect(multipart).toContain(
        `name="${attachRef}";filename=contract.pdf\r\ncontent-type:application/octet-stream\r\n\r\ncontract-bytes\r\n`,
      );
    });

    it('passes a document URL for Telegram to fetch', async () => {
      await adapter.send({ to: '412339876', attachments: [{ url: 'https://files.example.com/price-list.pdf' }] });
      const [request] = api.requests;
      expect(request.url).toBe(`/bot${BOT_TOKEN}/sendDocument`);
      expect(jsonOf(request)).toEqual({ chat_id: '412339876', document: 'https://files.example.com/price-list.pdf' });
    });
  });

  it('downloads an attachment via getFile and the file endpoint', async () => {
    const file = await adapter.fetchAttachment({
      kind: 'file',
      providerFileId: 'BQACAgIAAxkBAAIBs2S_doc',
      mimeType: 'application/pdf',
    });
    expect(file).toEqual({ content: Buffer.from('%PDF-1.7\n'), mimeType: 'application/pdf' });
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /bot${BOT_TOKEN}/getFile`,
      `GET /file/bot${BOT_TOKEN}/documents/file_7.pdf`,
    ]);
    expect(jsonOf(api.requests[0])).toEqual({ file_id: 'BQACAgIAAxkBAAIBs2S_doc' });
  });
});
