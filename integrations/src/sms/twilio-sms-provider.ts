import type { DeliveryStatusUpdate, InboundRequest } from '../channel-adapter.js';
import { TwilioChannelAdapter } from '../twilio/twilio-channel-adapter.js';
import type { TwilioConfig } from '../twilio/twilio-config.js';
import { priceFor, type SmsPricing, type SmsProvider } from './sms-provider.js';

export type TwilioSmsProviderConfig = { name: string; pricing: SmsPricing } & Omit<TwilioConfig, 'channel'>;

/**
 * Twilio Programmable Messaging as one of the router's SMS providers (the Twilio channel adapter underneath). With
 * `statusCallbackUrl` (the router sets it) every message asks Twilio for status callbacks there.
 */
export class TwilioSmsProvider implements SmsProvider {
  readonly name: string;
  private readonly adapter: TwilioChannelAdapter;

  constructor(private readonly config: TwilioSmsProviderConfig) {
    this.name = config.name;
    const { name: _name, pricing: _pricing, ...twilio } = config;
    this.adapter = new TwilioChannelAdapter({ ...twilio, channel: 'sms' });
  }

  pricePerSegment(to: string): number | undefined {
    return priceFor(this.config.pricing, to);
  }

  send(to: string, text: string): Promise<{ providerMessageId: string }> {
    return this.adapter.send({ to, text });
  }

  /** X-Twilio-Signature over the callback URL (with its `?provider=` query) and the form fields. */
  verifyStatusCallback(req: InboundRequest): boolean {
    return this.adapter.verify(req);
  }

  /** Twilio's status callback (MessageSid, MessageStatus, ErrorCode); an inbound message here is ignored. */
  parseStatusCallback(req: InboundRequest): DeliveryStatusUpdate[] {
    return this.adapter.parse(req).statuses;
  }
}
