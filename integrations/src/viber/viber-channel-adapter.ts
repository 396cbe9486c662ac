import type {
  ChannelAdapter,
  FetchedAttachment,
  InboundRequest,
  NormalizedAttachment,
  OutboundAttachment,
  OutboundMessage,
  ParsedWebhook,
  SendResult,
} from '../channel-adapter.js';
import { headerValue, hmacSha256Hex, safeEqual } from '../shared/request-helpers.js';
import { parseViberCallback } from './viber-callback-parser.js';
import type { ViberCallback } from './viber-callback-types.js';
import { VIBER_DEFAULT_API_BASE_URL, type ViberConfig } from './viber-config.js';
import { parseViberJson } from './viber-json.js';
import { ViberRestClient } from './viber-rest-client.js';

export const VIBER_SIGNATURE_HEADER = 'X-Viber-Content-Signature';

/** Viber public account / bot: callbacks in, send_message out. */
export class ViberChannelAdapter implements ChannelAdapter {
  readonly channel = 'viber' as const;
  private readonly client: ViberRestClient;

  constructor(private readonly config: ViberConfig) {
    this.client = new ViberRestClient(config.apiBaseUrl ?? VIBER_DEFAULT_API_BASE_URL, config.authToken);
  }

  /** Hex HMAC-SHA256 of the raw body keyed with the auth token, in the header (or ?sig= as viber-bot accepts). */
  verify(req: InboundRequest): boolean {
    const received = headerValue(req, VIBER_SIGNATURE_HEADER) ?? req.query.sig;
    return safeEqual(hmacSha256Hex(this.config.authToken, req.rawBody), received);
  }

  parse(req: InboundRequest): ParsedWebhook {
    const callback = parseViberJson(req.rawBody.toString('utf8')) as ViberCallback;
    return parseViberCallback(callback);
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const attachments = msg.attachments ?? [];
    const bodies: Record<string, unknown>[] = [];
    const firstIsPicture = attachments[0] && isPicture(attachments[0]);
    if (msg.text && !firstIsPicture) bodies.push({ type: 'text', text: msg.text });
    attachments.forEach((attachment, index) => {
      bodies.push(attachmentBody(attachment, index === 0 && firstIsPicture ? msg.text : undefined));
    });
    if (bodies.length === 0) throw new Error('Nothing to send: the message has neither text nor attachments');
    const tokens: string[] = [];
    for (const body of bodies) tokens.push(await this.client.sendMessage({ ...this.envelope(msg.to), ...body }));
    return { providerMessageId: tokens[0] };
  }

  async fetchAttachment(attachment: NormalizedAttachment): Promise<FetchedAttachment> {
    if (!attachment.url) throw new Error('Viber attachment has no media URL');
    const response = await fetch(attachment.url);
    if (!response.ok) throw new Error(`Viber media download failed with HTTP ${response.status}`);
    return {
      content: Buffer.from(await response.arrayBuffer()),
      mimeType: response.headers.get('content-type') ?? attachment.mimeType,
    };
  }

  private envelope(receiver: string): Record<string, unknown> {
    const sender = this.config.senderAvatarUrl
      ? { name: this.config.senderName, avatar: this.config.senderAvatarUrl }
      : { name: this.config.senderName };
    return { receiver, min_api_version: 1, sender };
  }
}

function isPicture(attachment: OutboundAttachment): boolean {
  return (attachment.mimeType ?? '').startsWith('image/');
}

function attachmentBody(attachment: OutboundAttachment, caption: string | undefined): Record<string, unknown> {
  if (!attachment.url) throw new Error('Viber attachments need a public URL (attachment.url)');
  // Viber requires `text` on pictures; an empty string is allowed.
  if (isPicture(attachment)) return { type: 'picture', text: caption ?? '', media: attachment.url };
  if (attachment.sizeBytes === undefined || !attachment.fileName) {
    throw new Error('Viber file messages need fileName and sizeBytes');
  }
  return { type: 'file', media: attachment.url, size: attachment.sizeBytes, file_name: attachment.fileName };
}
