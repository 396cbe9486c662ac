import { createHmac, randomUUID } from 'node:crypto';
import type { ChannelAdapter, InboundRequest, OutboundMessage, ParsedWebhook, SendResult } from '../channel-adapter.js';
import { headerValue, jsonBody, safeEqual } from '../shared/request-helpers.js';
import type { ViberBusinessConfig } from './viber-business-config.js';
import { renderJsonTemplate, valueAtPath } from './json-template.js';
import { parseViberBusinessStatusCallback } from './viber-business-status-parser.js';

/** Outbound-only Viber business messages to phone numbers, through a configurable HTTP provider. */
export class ViberBusinessChannelAdapter implements ChannelAdapter {
  readonly channel = 'viber' as const;

  constructor(
    private readonly config: ViberBusinessConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  verify(req: InboundRequest): boolean {
    const auth = this.config.statusCallback.auth;
    const received = headerValue(req, auth.header);
    if (auth.kind === 'shared-secret') return safeEqual(auth.secret, received);
    const digest = createHmac('sha256', auth.secret).update(req.rawBody).digest(auth.encoding);
    return safeEqual(`${auth.prefix ?? ''}${digest}`, received);
  }

  /** Status callbacks only: business messages are one-way. */
  parse(req: InboundRequest): ParsedWebhook {
    return {
      messages: [],
      statuses: parseViberBusinessStatusCallback(jsonBody(req), this.config.statusCallback, this.now()),
    };
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const phone = msg.to.startsWith('+') ? msg.to : `+${msg.to}`;
    const image = msg.attachments?.find((attachment) => attachment.url && attachment.mimeType?.startsWith('image/'));
    const body = renderJsonTemplate(this.config.bodyTemplate, {
      ...this.config.templateValues,
      phone,
      phoneDigits: phone.slice(1),
      text: msg.text ?? '',
      imageUrl: image?.url ?? '',
      statusCallbackUrl: this.config.statusCallbackUrl ?? '',
      messageRef: randomUUID(),
    });
    const response = await fetch(this.config.sendUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [this.config.authHeader.name]: this.config.authHeader.value },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`Viber business provider refused the message: HTTP ${response.status} ${text.slice(0, 200)}`);
    const messageId = valueAtPath(JSON.parse(text), this.config.responseMessageIdPath);
    if (messageId === undefined || messageId === null) {
      throw new Error(`Viber business provider answered without ${this.config.responseMessageIdPath}`);
    }
    return { providerMessageId: String(messageId) };
  }
}
