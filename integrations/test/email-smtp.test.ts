import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannelAdapter, type EmailConfig } from '../src/email/index.js';
import { rawHeader, startLocalSmtpServer, type LocalSmtpServer } from './support/local-smtp-server.js';

const CREDENTIALS = { user: 'office@consult.example', pass: 'smtp-app-password' };

describe('EmailChannelAdapter.send over SMTP', () => {
  let smtp: LocalSmtpServer;
  let adapter: EmailChannelAdapter;

  beforeEach(async () => {
    smtp = await startLocalSmtpServer(CREDENTIALS);
    const config: EmailConfig = {
      fromAddress: 'office@consult.example',
      fromName: 'Consult Centre',
      messageIdDomain: 'crm.consult.example',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: CREDENTIALS },
    };
    adapter = new EmailChannelAdapter(config);
  });
  afterEach(async () => {
    adapter.close();
    await smtp.close();
  });

  it('sends a threaded reply with the exact envelope and headers', async () => {
    const { providerMessageId } = await adapter.send({
      to: 'olena.kovalenko@example.com',
      subject: 'Re: Запис на консультацію',
      text: 'Чекаємо вас у пʼятницю о 12:00.',
      inReplyTo: '<CAF7x9QpZ2-reply-1@mail.example.com>',
      references: ['<a1b2c3d4-0001@crm.consult.example>', '<a1b2c3d4-0002@crm.consult.example>'],
    });
    expect(providerMessageId).toMatch(/^<[0-9a-f-]{36}@crm\.consult\.example>$/);

    expect(smtp.received).toHaveLength(1);
    const [email] = smtp.received;
    expect(email.mailFrom).toBe('office@consult.example');
    expect(email.rcptTo).toEqual(['olena.kovalenko@example.com']);
    expect(email.authUser).toBe(CREDENTIALS.user);

    expect(rawHeader(email.raw, 'Message-ID')).toBe(providerMessageId);
    expect(rawHeader(email.raw, 'In-Reply-To')).toBe('<CAF7x9QpZ2-reply-1@mail.example.com>');
    expect(rawHeader(email.raw, 'References')).toBe(
      '<a1b2c3d4-0001@crm.consult.example> <a1b2c3d4-0002@crm.consult.example> <CAF7x9QpZ2-reply-1@mail.example.com>',
    );
    expect(rawHeader(email.raw, 'From')).toBe('Consult Centre <office@consult.example>');
    expect(rawHeader(email.raw, 'To')).toBe('olena.kovalenko@example.com');

    const parsed = await simpleParser(email.raw);
    expect(parsed.subject).toBe('Re: Запис на консультацію');
    expect(parsed.text?.trim()).toBe('Чекаємо вас у пʼятницю о 12:00.');
  });

  it('sends HTML with an attachment and no threading headers for a new thread', async () => {
    await adapter.send({
      to: 'ivan@example.org',
      subject: 'Your invoice',
      text: 'Invoice attached.',
      html: '<p>Invoice <b>attached</b>.</p>',
      attachments: [
        { fileName: 'invoice-1042.pdf', mimeType: 'application/pdf', content: Buffer.from('%PDF-1.4 invoice') },
      ],
    });
    const [email] = smtp.received;
    expect(email.rcptTo).toEqual(['ivan@example.org']);
    expect(rawHeader(email.raw, 'In-Reply-To')).toBeUndefined();
    expect(rawHeader(email.raw, 'References')).toBeUndefined();
    const parsed = await simpleParser(email.raw);
    expect(parsed.html).toBe('<p>Invoice <b>attached</b>.</p>');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0].filename).toBe('invoice-1042.pdf');
    expect(parsed.attachments[0].contentType).toBe('application/pdf');
    expect(parsed.attachments[0].content.toString()).toBe('%PDF-1.4 invoice');
  });

  it('refuses attachment paths that are not http(s) URLs', async () => {
    await expect(
      adapter.send({ to: 'x@example.org', subject: 's', attachments: [{ url: '/etc/passwd' }] }),
    ).rejects.toThrow(/http\(s\) URL/);
    expect(smtp.received).toHaveLength(0);
  });

  it('fails clearly on wrong SMTP credentials', async () => {
    const wrong = new EmailChannelAdapter({
      fromAddress: 'office@consult.example',
      messageIdDomain: 'crm.consult.example',
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        ignoreTLS: true,
        auth: { user: 'office@consult.example', pass: 'nope' },
      },
    });
    await expect(wrong.send({ to: 'x@example.org', subject: 's', text: 't' })).rejects.toThrow(
      /Invalid username or password/,
    );
    wrong.close();
  });
});
