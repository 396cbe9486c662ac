import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, OutboundMessage, ParsedWebhook, SendResult } from '@consult-crm/integrations';
import { WEBCHAT_EVENTS } from './webchat-rooms.js';
import type { WebchatNotifier } from './webchat-notifier.js';

/** The web chat as a channel: replies go to the visitor's sockets; inbound arrives over Socket.IO, not webhooks. */
export class WebchatChannelAdapter implements ChannelAdapter {
  readonly channel = 'webchat' as const;

  constructor(
    private readonly channelAccountId: string,
    private readonly notifier: WebchatNotifier,
  ) {}

  verify(): boolean {
    return false;
  }

  parse(): ParsedWebhook {
    return { messages: [], statuses: [] };
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const providerMessageId = `wc_${randomUUID()}`;
    this.notifier.toVisitor(this.channelAccountId, msg.to, WEBCHAT_EVENTS.message, {
      id: providerMessageId,
      direction: 'out',
      text: msg.text ?? null,
      attachments: (msg.attachments ?? [])
        .filter((a) => a.url)
        .map((a) => ({ url: a.url, fileName: a.fileName, mimeType: a.mimeType })),
      at: new Date().toISOString(),
    });
    return { providerMessageId };
  }
}
