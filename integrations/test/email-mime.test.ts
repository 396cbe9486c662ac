import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InboundRequest } from '../src/channel-adapter.js';
import { EmailChannelAdapter, parseRfc822Message } from '../src/email/index.js';

const sample = (name: string) => readFileSync(new URL(`./fixtures/email/${name}`, import.meta.url));

describe('RFC 822 → NormalizedInboundMessage', () => {
  it('maps a quoted-printable UTF-8 reply and threads it to the root of References', async () => {
    const message = await parseRfc822Message(sample('reply-quoted-printable.eml'));
    expect(message.channel).toBe('email');
    expect(message.providerMessageId).toBe('<CAF7x9QpZ2-reply-1@mail.example.com>');
    expect(message.providerChatId).toBe('olena.kovalenko@example.com');
    expect(message.sender).toEqual({
      providerUserId: 'olena.kovalenko@example.com',
      email: 'olena.kovalenko@example.com',
      name: 'Олена Коваленко',
    });
    expect(message.subject).toBe('Re: Запис на консультацію');
    expect(message.text).toBe(
      'Дякую, підходить пятниця о 12:00.\n\n> On Fri, 22 Nov 2024, Consult Centre wrote:\n> Can you come on Friday?\n',
    );
    expect(message.html).toBeUndefined();
    expect(message.attachments).toEqual([]);
    expect(message.sentAt).toEqual(new Date('2024-11-23T08:14:58.000Z'));
    expect(message.threadRef).toBe('<a1b2c3d4-0001@crm.consult.example>');
    expect((message.raw as { headers: Record<string, string> }).headers['in-reply-to']).toBe(
      'In-Reply-To: <a1b2c3d4-0002@crm.consult.example>',
    );
  });

  it('maps multipart/alternative with a PDF attachment and replies to Reply-To', async () => {
    const message = await parseRfc822Message(sample('multipart-with-attachment.eml'));
    expect(message.providerMessageId).toBe('<20241123091500.GA1234@mailer.example.org>');
    expect(message.providerChatId).toBe('accounting@example.org');
    expect(message.sender).toEqual({
      providerUserId: 'ivan@example.org',
      email: 'ivan@example.org',
      name: 'Ivan Petrenko',
    });
    expect(message.subject).toBe('Documents for the tax consultation');
    expect(message.text).toBe('Hello, attached is our 2023 statement.\n');
    expect(message.html).toBe('<html><body><p>Hello, attached is our <b>2023</b> statement.</p></body></html>\n');
    expect(message.threadRef).toBeUndefined();
    expect(message.attachments).toHaveLength(1);
    const [pdf] = message.attachments;
    expect(pdf.kind).toBe('file');
    expect(pdf.fileName).toBe('statement-2023.pdf');
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.content?.toString('latin1')).toBe(
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    expect(pdf.sizeBytes).toBe(pdf.content?.length);
  });

  it('derives text from HTML-only mail and a stable id when Message-ID is missing', async () => {
    const first = await parseRfc822Message(sample('html-only-no-message-id.eml'));
    const again = await parseRfc822Message(sample('html-only-no-message-id.eml'));
    expect(first.providerMessageId).toMatch(/^<sha256-[0-9a-f]{64}@consult-crm\.invalid>$/);
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(first.sender).toEqual({ providerUserId: 'no-name@example.net', email: 'no-name@example.net' });
    expect(first.text).toBe('Do you work on Saturdays?');
    expect(first.html).toBe('<div>Do you work on <i>Saturdays</i>?</div>\n');
  });
});

describe('EmailChannelAdapter relay webhook', () => {
  const smtp = { host: '127.0.0.1', port: 2525, secure: false };
  const request = (secret?: string): InboundRequest => ({
    headers: secret ? { 'x-inbound-email-secret': secret } : {},
    rawBody: sample('reply-quoted-printable.eml'),
    body: undefined,
    query: {},
    url: 'https://crm.example.com/webhooks/email',
  });

  it('refuses every request when no relay secret is configured', () => {
    const adapter = new EmailChannelAdapter({ fromAddress: 'office@consult.example', messageIdDomain: 'x', smtp });
    expect(adapter.verify(request('anything'))).toBe(false);
    adapter.close();
  });

  it('checks the relay secret and parses the posted message', async () => {
    const adapter = new EmailChannelAdapter({
      fromAddress: 'office@consult.example',
      messageIdDomain: 'x',
      smtp,
      inboundRelaySecret: 'relay-secret-1',
    });
    expect(adapter.verify(request('relay-secret-1'))).toBe(true);
    expect(adapter.verify(request('relay-secret-2'))).toBe(false);
    expect(adapter.verify(request())).toBe(false);
    const parsed = await adapter.parse(request('relay-secret-1'));
    expect(parsed.messages.map((m) => m.providerMessageId)).toEqual(['<CAF7x9QpZ2-reply-1@mail.example.com>']);
    adapter.close();
  });
});
