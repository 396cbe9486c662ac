import type { ChannelAdapter, InboundRequest, OutboundMessage, ParsedWebhook, SendResult } from '../channel-adapter.js';
import { headerValue, safeEqual } from '../shared/request-helpers.js';
import type { EmailConfig } from './email-config.js';
import { ImapInboxPoller, type InboxPollOptions, type InboxPollResult } from './imap-inbox-poller.js';
import { parseRfc822Message } from './mime-message-mapper.js';
import { SmtpSender } from './smtp-sender.js';

export const INBOUND_EMAIL_SECRET_HEADER = 'X-Inbound-Email-Secret';

/**
 * E-mail: SMTP out, IMAP polling in (pollInbox). verify/parse serve an optional relay that POSTs
 * raw RFC 822 messages; without inboundRelaySecret every such request is refused.
 */
export class EmailChannelAdapter implements ChannelAdapter {
  readonly channel = 'email' as const;
  private readonly sender: SmtpSender;
  private readonly poller?: ImapInboxPoller;

  constructor(private readonly config: EmailConfig) {
    this.sender = new SmtpSender(config);
    if (config.imap) this.poller = new ImapInboxPoller(config.imap);
  }

  verify(req: InboundRequest): boolean {
    if (!this.config.inboundRelaySecret) return false;
    return safeEqual(this.config.inboundRelaySecret, headerValue(req, INBOUND_EMAIL_SECRET_HEADER));
  }

  async parse(req: InboundRequest): Promise<ParsedWebhook> {
    return { messages: [await parseRfc822Message(req.rawBody)], statuses: [] };
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    return { providerMessageId: await this.sender.send(msg) };
  }

  /** True when the config has an imap section: the core then polls this account's mailbox. */
  get pollsInbox(): boolean {
    return this.poller !== undefined;
  }

  async pollInbox(options: InboxPollOptions): Promise<InboxPollResult> {
    if (!this.poller) throw new Error('E-mail config has no imap section: inbox polling is off');
    return this.poller.poll(options);
  }

  close(): void {
    this.sender.close();
  }
}

/** An adapter whose inbound messages are fetched (IMAP) rather than pushed by a webhook. */
export type InboxPollingAdapter = ChannelAdapter & {
  pollInbox(options: InboxPollOptions): Promise<InboxPollResult>;
  readonly pollsInbox: boolean;
};

export function isInboxPollingAdapter(adapter: ChannelAdapter): adapter is InboxPollingAdapter {
  return (adapter as Partial<InboxPollingAdapter>).pollsInbox === true;
}
