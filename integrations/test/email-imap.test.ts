import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannelAdapter, ImapInboxPoller, type ImapConfig } from '../src/email/index.js';
import { startLocalImapServer, type LocalImapServer } from './support/local-imap-server.js';

const eml = (name: string) => readFileSync(new URL(`./fixtures/email/${name}`, import.meta.url), 'utf8');

describe('ImapInboxPoller against a local IMAP server', () => {
  let imap: LocalImapServer;
  let config: ImapConfig;

  beforeEach(async () => {
    imap = await startLocalImapServer([
      { raw: eml('reply-quoted-printable.eml'), internaldate: '23-Nov-2024 10:15:02 +0200' }, // UID 1
      { raw: 'From: old@example.com\r\nSubject: already read\r\n\r\nold', flags: ['\\Seen'] }, // UID 2
      { raw: eml('multipart-with-attachment.eml') }, // UID 3
      { raw: eml('html-only-no-message-id.eml') }, // UID 4
    ]);
    config = {
      host: '127.0.0.1',
      port: imap.port,
      secure: false,
      disableStartTls: true,
      auth: { user: 'testuser', pass: 'testpass' },
    };
  });
  afterEach(() => imap.close());

  it('fetches UNSEEN messages in UID order and reports the last UID', async () => {
    const result = await new ImapInboxPoller(config).poll({ sinceUid: 0 });
    expect(result.lastUid).toBe(4);
    expect(result.uidValidity).toMatch(/^\d+$/);
    expect(result.messages.map((m) => [m.imapUid, m.subject])).toEqual([
      [1, 'Re: Запис на консультацію'],
      [3, 'Documents for the tax consultation'],
      [4, 'Question'],
    ]);
    const [reply] = result.messages;
    expect(reply.providerMessageId).toBe('<CAF7x9QpZ2-reply-1@mail.example.com>');
    expect(reply.threadRef).toBe('<a1b2c3d4-0001@crm.consult.example>');
    expect(reply.sentAt).toEqual(new Date('2024-11-23T08:14:58.000Z'));
    expect(result.messages[1].attachments.map((a) => a.fileName)).toEqual(['statement-2023.pdf']);
  });

  it('only returns messages above sinceUid, even though "N:*" matches the newest one', async () => {
    const poller = new ImapInboxPoller(config);
    expect((await poller.poll({ sinceUid: 3 })).messages.map((m) => m.imapUid)).toEqual([4]);
    const nothingNew = await poller.poll({ sinceUid: 4 });
    expect(nothingNew.messages).toEqual([]);
    expect(nothingNew.lastUid).toBe(4);
  });

  it('marks fetched messages \\Seen when asked, so the next round finds none', async () => {
    const poller = new ImapInboxPoller(config);
    expect((await poller.poll({ sinceUid: 0, markSeen: true })).messages).toHaveLength(3);
    expect((await poller.poll({ sinceUid: 0 })).messages).toEqual([]);
  });

  it('is reachable through EmailChannelAdapter.pollInbox', async () => {
    const adapter = new EmailChannelAdapter({
      fromAddress: 'office@consult.example',
      messageIdDomain: 'crm.consult.example',
      smtp: { host: '127.0.0.1', port: 2525, secure: false },
      imap: config,
    });
    expect((await adapter.pollInbox({ sinceUid: 1 })).messages.map((m) => m.imapUid)).toEqual([3, 4]);
    adapter.close();
  });

  it('fails on wrong credentials', async () => {
    const poller = new ImapInboxPoller({ ...config, auth: { user: 'testuser', pass: 'wrong' } });
    await expect(poller.poll({ sinceUid: 0 })).rejects.toThrow(
      `IMAP login refused for testuser@127.0.0.1: check imap.auth`,
    );
  });
});
