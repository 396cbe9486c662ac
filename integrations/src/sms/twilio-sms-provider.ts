import { TwilioChannelAdapter } from '../twilio/twilio-channel-adapter.js';
import type { TwilioConfig } from '../twilio/twilio-config.js';
import { priceFor, type SmsPricing, type SmsProvider } from './sms-provider.js';

export type TwilioSmsProviderConfig = { name: string; pricing: SmsPricing } & Omit<TwilioConfig, 'channel'>;

/** Twilio Programmable Messaging as one of the router's SMS providers (the Twilio channel adapter underneath). */
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
}
