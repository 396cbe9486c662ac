import type { ChannelAdapter, InboundRequest, OutboundMessage, ParsedWebhook, SendResult } from '../channel-adapter.js';
import { headerValue, hmacSha256Hex, jsonBody, safeEqual } from '../shared/request-helpers.js';
import {
  META_DEFAULT_GRAPH_API_BASE_URL,
  META_DEFAULT_GRAPH_API_VERSION,
  type MetaMessagingConfig,
} from './meta-config.js';
import { attachmentMessage, MetaSendApiClient, type MetaSendApiMessage } from './meta-send-api-client.js';
import { parseMetaWebhook } from './meta-webhook-parser.js';
import type { MetaWebhookPayload } from './meta-webhook-types.js';

export const META_SIGNATURE_HEADER = 'X-Hub-Signature-256';

/** Facebook Messenger or Instagram Direct through Meta's Graph API (no SDK). */
export class MetaMessagingChannelAdapter implements ChannelAdapter {
  readonly channel: 'messenger' | 'instagram';
  private readonly sendApi: MetaSendApiClient;

  constructor(private readonly config: MetaMessagingConfig) {
    this.channel = config.channel;
    this.sendApi = new MetaSendApiClient(
      config.graphApiBaseUrl ?? META_DEFAULT_GRAPH_API_BASE_URL,
      config.graphApiVersion ?? META_DEFAULT_GRAPH_API_VERSION,
      config.pageAccessToken,
    );
  }

  /** GET: the subscription handshake's verify token. POST: X-Hub-Signature-256 over the raw body. */
  verify(req: InboundRequest): boolean {
    if (isSubscriptionHandshake(req)) {
      return req.query['hub.mode'] === 'subscribe' && safeEqual(this.config.verifyToken, req.query['hub.verify_token']);
    }
    const expected = `sha256=${hmacSha256Hex(this.config.appSecret, req.rawBody)}`;
    return safeEqual(expected, headerValue(req, META_SIGNATURE_HEADER));
  }

  parse(req: InboundRequest): ParsedWebhook {
    if (isSubscriptionHandshake(req)) {
      return {
        messages: [],
        statuses: [],
        reply: { status: 200, body: req.query['hub.challenge'] ?? '', contentType: 'text/plain' },
      };
    }
    return parseMetaWebhook(jsonBody(req) as MetaWebhookPayload);
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const parts: MetaSendApiMessage[] = [];
    if (msg.text) parts.push({ text: msg.text });
    for (const attachment of msg.attachments ?? []) parts.push(attachmentMessage(attachment));
    if (parts.length === 0) throw new Error('Nothing to send: the message has neither text nor attachments');
    const ids: string[] = [];
    for (const part of parts) ids.push(await this.sendApi.sendMessage(msg.to, part));
    return { providerMessageId: ids[0] };
  }
}

function isSubscriptionHandshake(req: InboundRequest): boolean {
  return (req.method ?? 'POST').toUpperCase() === 'GET';
}
