import twilio from 'twilio';
import type {
  ChannelAdapter,
  FetchedAttachment,
  InboundRequest,
  NormalizedAttachment,
  OutboundMessage,
  ParsedWebhook,
  SendResult,
} from '../channel-adapter.js';
import { formFields, headerValue } from '../shared/request-helpers.js';
import { BaseUrlRequestClient } from './base-url-request-client.js';
import type { TwilioConfig } from './twilio-config.js';
import { parseTwilioWebhook, WHATSAPP_ADDRESS_PREFIX } from './twilio-webhook-parser.js';

export const TWILIO_SIGNATURE_HEADER = 'X-Twilio-Signature';

/** SMS or WhatsApp through Twilio Programmable Messaging. */
export class TwilioChannelAdapter implements ChannelAdapter {
  readonly channel: 'sms' | 'whatsapp';
  private readonly client: twilio.Twilio;

  constructor(
    private readonly config: TwilioConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (!config.fromNumber && !config.messagingServiceSid) {
      throw new Error('Twilio config needs fromNumber or messagingServiceSid');
    }
    this.channel = config.channel;
    this.client = twilio(config.accountSid, config.authToken, {
      ...(config.apiBaseUrl ? { httpClient: new BaseUrlRequestClient(config.apiBaseUrl) } : {}),
    });
  }

  /** X-Twilio-Signature over the public URL plus the sorted form parameters (the SDK's validateRequest). */
  verify(req: InboundRequest): boolean {
    const signature = headerValue(req, TWILIO_SIGNATURE_HEADER);
    if (!signature) return false;
    return twilio.validateRequest(this.config.authToken, signature, req.url, formFields(req));
  }

  parse(req: InboundRequest): ParsedWebhook {
    return parseTwilioWebhook(formFields(req), this.now());
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const mediaUrl = (msg.attachments ?? []).map((attachment) => {
      if (!attachment.url) throw new Error('Twilio can only send attachments by public URL (attachment.url)');
      return attachment.url;
    });
    const message = await this.client.messages.create({
      to: this.address(msg.to),
      ...(this.config.messagingServiceSid
        ? { messagingServiceSid: this.config.messagingServiceSid }
        : { from: this.address(this.config.fromNumber ?? '') }),
      ...(msg.text ? { body: msg.text } : {}),
      ...(mediaUrl.length > 0 ? { mediaUrl } : {}),
      ...(this.config.statusCallbackUrl ? { statusCallback: this.config.statusCallbackUrl } : {}),
    });
    return { providerMessageId: message.sid };
  }

  /** Media URLs require HTTP Basic auth with the account credentials when media auth is enforced. */
  async fetchAttachment(attachment: NormalizedAttachment): Promise<FetchedAttachment> {
    if (!attachment.url) throw new Error('Twilio attachment has no url to download');
    const credentials = Buffer.from(`${this.config.accountSid}:${this.config.authToken}`).toString('base64');
    const response = await fetch(attachment.url, { headers: { Authorization: `Basic ${credentials}` } });
    if (!response.ok) throw new Error(`Twilio media download failed with HTTP ${response.status}`);
    return {
      content: Buffer.from(await response.arrayBuffer()),
      mimeType: response.headers.get('content-type') ?? attachment.mimeType,
    };
  }

  private address(phoneOrAddress: string): string {
    if (this.channel !== 'whatsapp' || phoneOrAddress.startsWith(WHATSAPP_ADDRESS_PREFIX)) return phoneOrAddress;
    return `${WHATSAPP_ADDRESS_PREFIX}${phoneOrAddress}`;
  }
}
