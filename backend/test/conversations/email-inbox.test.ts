import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/conversations/conversations.schema.js';
import { EMAIL_INBOX_QUEUE } from '../../src/conversations/email-inbox-poller.js';
import { emailInboxCursors } from '../../src/conversations/email-inbox.schema.js';
import { JobQueues } from '../../src/queues/job-queues.js';
import { startLocalImapServer, type LocalImapServer } from '../../../integrations/test/support/local-imap-server.js';
import {
  rawHeader,
  startLocalSmtpServer,
  type LocalSmtpServer,
} from '../../../integrations/test/support/local-smtp-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  contactOfIdentity,
  conversationWithMessages,
  counts,
  createAccount,
  waitFor,
  type Account,
} from './support/channel-fixtures.js';

const eml = (name: string) =>
  readFileSync(new URL(`../../../integrations/test/fixtures/email/${name}`, import.meta.url), 'utf8');
const IMAP_LOGIN = { user: 'testuser', pass: 'testpass' };
const SMTP_LOGIN = { user: 'office@consult.example', pass: 'smtp-secret' };

function newEnquiry(messageId: string, subject: string, body: string): string {
  return [
    'From: Ion Rusu <ion.rusu@example.md>',
    'To: Consult Centre <office@consult.example>',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Date: Mon, 30 Nov 2026 09:00:00 +0200',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('inbound e-mail read from the IMAP mailbox of an e-mail channel account', () => {
  let t: TestApp;
  let admin: string;
  let imap: LocalImapServer;
  let smtp: LocalSmtpServer;
  let account: Account;

  beforeAll(async () => {
    imap = await startLocalImapServer([
      { raw: eml('reply-quoted-printable.eml'), internaldate: '23-Nov-2024 10:15:02 +0200' }, // UID 1
      {
        raw: 'From: old@example.com\r\nSubject: already read\r\nMessage-ID: <old-1@example.com>\r\n\r\nold',
        flags: ['\\Seen'],
      }, // UID 2
      { raw: eml('multipart-with-attachment.eml') }, // UID 3
    ]);
    smtp = await startLocalSmtpServer(SMTP_LOGIN);
    t = await createTestApp({ EMAIL_POLL_INTERVAL_SECONDS: '5', OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Office mailbox',
      config: {
        fromAddress: 'office@consult.example',
        fromName: 'Consult Centre',
        messageIdDomain: 'crm.consult.example',
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: SMTP_LOGIN },
        imap: { host: '127.0.0.1', port: imap.port, secure: false, disableStartTls: true, auth: IMAP_LOGIN },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await imap?.close();
    await smtp?.close();
  });

  it('the worker reads unseen messages on its schedule: contact by address, conversation, subject, thread, stored attachment', async () => {
    const contact = await waitFor(
      () => contactOfIdentity(t, 'email', 'olena.kovalenko@example.com'),
      20_000,
      'the scheduled IMAP round',
    );
    const thread = await conversationWithMessages(t, contact.id);
    expect(thread.conversation.channel).toBe('email');
    expect(thread.conversation.providerChatId).toBe('olena.kovalenko@example.com');
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({
      direction: 'in',
      providerMessageId: '<CAF7x9QpZ2-reply-1@mail.example.com>',
      subject: 'Re: Запис на консультацію',
      threadRef: '<a1b2c3d4-0001@crm.consult.example>',
    });
    expect(thread.messages[0].text).toContain('пятниця о 12:00');
    expect(thread.tasks.length).toBeGreaterThanOrEqual(1);

    const withFile = await waitFor(async () => {
      const rows = await t.db.select().from(messages).where(eq(messages.channelAccountId, account.id));
      return rows.find((m) => m.attachments.length > 0);
    });
    const [file] = withFile.attachments;
    expect(file).toMatchObject({ kind: 'file', fileName: 'statement-2023.pdf', mimeType: 'application/pdf' });
    expect(file.storageKey).toMatch(/^inbound\/\d{4}-\d{2}\//);
    expect(file).not.toHaveProperty('content');
    const download = await fetch(`${t.baseUrl}/api/messages/${withFile.id}/attachments/0`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(file.sizeBytes);

    const [cursor] = await t.db
      .select()
      .from(emailInboxCursors)
      .where(eq(emailInboxCursors.channelAccountId, account.id));
    expect(cursor).toMatchObject({ lastUid: 3, lastError: null, messagesIngested: 2 });
  });

  it('a later round ingests only what arrived since, and reading the mailbox again creates nothing twice', async () => {
    // From here on the rounds are run by hand, so each one's counts are exact.
    await t.app.get(JobQueues).queue(EMAIL_INBOX_QUEUE).removeJobScheduler('email-inbox-poll');
    const before = await counts(t);
    const again = await t.http('POST', `/api/channel-accounts/${account.id}/poll-inbox`, { token: admin });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ fetched: 0, ingested: 0, lastUid: 3 });

    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imap.port,
      secure: false,
      doSTARTTLS: false,
      auth: IMAP_LOGIN,
      logger: false,
    });
    await client.connect();
    await client.append(
      'INBOX',
      newEnquiry('<enquiry-77@example.md>', 'Consultanță fiscală', 'Bună ziua, aș dori o consultație.'),
    );
    await client.logout();

    const round = await t.http('POST', `/api/channel-accounts/${account.id}/poll-inbox`, { token: admin });
    expect(round.body).toMatchObject({ fetched: 1, ingested: 1, lastUid: 4 });
    const after = await counts(t);
    expect(after.messages).toBe(before.messages + 1);
    expect(after.contacts).toBe(before.contacts + 1);

    // The cursor is lost (a restored backup): every message is read again, none is stored twice.
    await t.db.delete(emailInboxCursors);
    const reread = await t.http('POST', `/api/channel-accounts/${account.id}/poll-inbox`, { token: admin });
    expect(reread.body).toMatchObject({ fetched: 3, ingested: 0, lastUid: 4 });
    expect((await counts(t)).messages).toBe(after.messages);
  });

  it('a reply from the desk goes out by SMTP in the same thread, with a "Re:" subject', async () => {
    const contact = (await contactOfIdentity(t, 'email', 'ion.rusu@example.md'))!;
    const { conversation } = await conversationWithMessages(t, contact.id);
    const sent = await t.http('POST', `/api/conversations/${conversation.id}/messages`, {
      token: admin,
      body: { text: 'Vă așteptăm marți la 10:00.' },
    });
    expect(sent.status).toBe(202);
    const mail = await waitFor(
      async () => smtp.received.find((m) => m.rcptTo.includes('ion.rusu@example.md')),
      15_000,
      'the SMTP delivery',
    );
    expect(rawHeader(mail.raw, 'In-Reply-To')).toBe('<enquiry-77@example.md>');
    expect(rawHeader(mail.raw, 'References')).toBe('<enquiry-77@example.md>');
    expect(rawHeader(mail.raw, 'Subject')).toBe('=?UTF-8?Q?Re=3A_Consultan=C8=9B=C4=83_fiscal=C4=83?=');
    const row = await waitFor(async () => {
      const [m] = await t.db.select().from(messages).where(eq(messages.id, sent.body.id));
      return m.status === 'sent' ? m : undefined;
    });
    expect(row.providerMessageId).toMatch(/@crm\.consult\.example>$/);
  });

  it('an explicit subject wins, and a mailbox that refuses the login is reported without moving the cursor', async () => {
    const refused = await createAccount(t, admin, {
      provider: 'email',
      name: 'Wrong password',
      config: {
        fromAddress: 'events@consult.example',
        messageIdDomain: 'crm.consult.example',
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: SMTP_LOGIN },
        imap: {
          host: '127.0.0.1',
          port: imap.port,
          secure: false,
          disableStartTls: true,
          auth: { user: 'testuser', pass: 'wrong' },
        },
      },
    });
    const round = await t.http('POST', `/api/channel-accounts/${refused.id}/poll-inbox`, { token: admin });
    expect(round.status).toBe(201);
    expect(round.body.error).toBe('IMAP login refused for testuser@127.0.0.1: check imap.auth');
    const [cursor] = await t.db
      .select()
      .from(emailInboxCursors)
      .where(eq(emailInboxCursors.channelAccountId, refused.id));
    expect(cursor).toMatchObject({
      lastUid: 0,
      lastError: 'IMAP login refused for testuser@127.0.0.1: check imap.auth',
    });

    const noImap = await createAccount(t, admin, {
      provider: 'email',
      name: 'Send only',
      config: {
        fromAddress: 'news@consult.example',
        messageIdDomain: 'crm.consult.example',
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: SMTP_LOGIN },
      },
    });
    const none = await t.http('POST', `/api/channel-accounts/${noImap.id}/poll-inbox`, { token: admin });
    expect(none.status).toBe(400);
    expect(none.body.fields.config).toMatch(/no IMAP mailbox/);

    const contact = (await contactOfIdentity(t, 'email', 'olena.kovalenko@example.com'))!;
    const { conversation } = await conversationWithMessages(t, contact.id);
    const sent = await t.http('POST', `/api/conversations/${conversation.id}/messages`, {
      token: admin,
      body: { text: 'Confirmăm.', subject: 'Programare confirmată' },
    });
    expect(sent.status).toBe(202);
    const mail = await waitFor(
      async () => smtp.received.find((m) => m.rcptTo.includes('olena.kovalenko@example.com')),
      15_000,
      'the SMTP delivery',
    );
    expect(rawHeader(mail.raw, 'Subject')).toBe('=?UTF-8?Q?Programare_confirmat=C4=83?=');
    expect(rawHeader(mail.raw, 'In-Reply-To')).toBe('<CAF7x9QpZ2-reply-1@mail.example.com>');
    expect(rawHeader(mail.raw, 'References')).toBe(
      '<a1b2c3d4-0001@crm.consult.example> <CAF7x9QpZ2-reply-1@mail.example.com>',
    );
  });
});
