import { ImapFlow } from 'imapflow';
import type { NormalizedInboundMessage } from '../channel-adapter.js';
import type { ImapConfig } from './email-config.js';
import { parseRfc822Message } from './mime-message-mapper.js';

export type InboxPollResult = {
  messages: (NormalizedInboundMessage & { imapUid: number })[];
  /** Highest UID seen; pass it as `sinceUid` next time. */
  lastUid: number;
  /** When this changes between polls the mailbox was rebuilt and UIDs restart: poll again from 0. */
  uidValidity: string;
};

export type InboxPollOptions = {
  /** Only messages with a UID above this. */
  sinceUid: number;
  /** Flag fetched messages \Seen (default false: the CRM tracks progress by UID). */
  markSeen?: boolean;
};

/** One polling round over IMAP: UNSEEN messages above a UID, parsed with mailparser. */
export class ImapInboxPoller {
  constructor(private readonly config: ImapConfig) {}

  async poll(options: InboxPollOptions): Promise<InboxPollResult> {
    const client = new ImapFlow({
      host: this.config.host,
      port: this.config.port,
      secure: this.config.secure,
      auth: this.config.auth,
      logger: false,
      disableAutoIdle: true,
      ...(this.config.disableStartTls ? { doSTARTTLS: false } : {}),
    });
    try {
      await client.connect();
    } catch (error) {
      client.close();
      if ((error as { authenticationFailed?: boolean }).authenticationFailed) {
        throw new Error(`IMAP login refused for ${this.config.auth.user}@${this.config.host}: check imap.auth`, {
          cause: error,
        });
      }
      throw error;
    }
    try {
      const lock = await client.getMailboxLock(this.config.mailbox ?? 'INBOX');
      try {
        return await this.fetchUnseen(client, options);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async fetchUnseen(client: ImapFlow, options: InboxPollOptions): Promise<InboxPollResult> {
    const mailbox = client.mailbox;
    const uidValidity = mailbox ? mailbox.uidValidity.toString() : '0';
    // "N:*" always matches the newest message even below N, hence the filter.
    const found = await client.search({ seen: false, uid: `${options.sinceUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > options.sinceUid).sort((a, b) => a - b);
    const result: InboxPollResult = { messages: [], lastUid: options.sinceUid, uidValidity };
    if (uids.length === 0) return result;

    for await (const fetched of client.fetch(uids, { uid: true, source: true, internalDate: true }, { uid: true })) {
      if (!fetched.source) continue;
      const internalDate = fetched.internalDate ? new Date(fetched.internalDate) : new Date();
      const message = await parseRfc822Message(fetched.source, internalDate);
      result.messages.push({ ...message, imapUid: fetched.uid });
      result.lastUid = Math.max(result.lastUid, fetched.uid);
    }
    if (options.markSeen) await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
    return result;
  }
}
