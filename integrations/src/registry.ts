import type { ChannelAdapter } from './channel-adapter.js';
import { EmailChannelAdapter, type EmailConfig } from './email/index.js';
import { MetaMessagingChannelAdapter, type MetaMessagingConfig } from './meta/index.js';
import { TelegramChannelAdapter, type TelegramConfig } from './telegram/index.js';
import { TwilioChannelAdapter, type TwilioConfig } from './twilio/index.js';
import { ViberChannelAdapter, type ViberConfig } from './viber/index.js';
import { ViberBusinessChannelAdapter, type ViberBusinessConfig } from './viber-business/index.js';
import { SmsRouterChannelAdapter, type SmsRouterConfig } from './sms/index.js';

/** Which config each provider adapter needs. Adding a provider: its folder plus one line here and one below. */
export type ChannelAdapterConfigs = {
  telegram: TelegramConfig;
  /** SMS or WhatsApp, chosen by config.channel. */
  twilio: TwilioConfig;
  /** Facebook Messenger or Instagram, chosen by config.channel. */
  meta: MetaMessagingConfig;
  viber: ViberConfig;
  /** Viber business messages to phone numbers through a configurable HTTP aggregator. */
  'viber-business': ViberBusinessConfig;
  /** SMTP out; inbound by EmailChannelAdapter.pollInbox (IMAP) or a relay webhook. */
  email: EmailConfig;
  /** Outbound SMS through several providers (Twilio, generic HTTP), cheapest first, next on failure. */
  'sms-router': SmsRouterConfig;
};

export type ChannelProviderName = keyof ChannelAdapterConfigs;

const adapterFactories: { [P in ChannelProviderName]: (config: ChannelAdapterConfigs[P]) => ChannelAdapter } = {
  telegram: (config) => new TelegramChannelAdapter(config),
  twilio: (config) => new TwilioChannelAdapter(config),
  meta: (config) => new MetaMessagingChannelAdapter(config),
  viber: (config) => new ViberChannelAdapter(config),
  'viber-business': (config) => new ViberBusinessChannelAdapter(config),
  email: (config) => new EmailChannelAdapter(config),
  'sms-router': (config) => new SmsRouterChannelAdapter(config.providers, config.statusCallbackUrl),
};

export function createChannelAdapter<P extends ChannelProviderName>(
  provider: P,
  config: ChannelAdapterConfigs[P],
): ChannelAdapter {
  const factory = adapterFactories[provider] as ((config: ChannelAdapterConfigs[P]) => ChannelAdapter) | undefined;
  if (!factory) throw new Error(`Unknown channel provider "${String(provider)}"`);
  return factory(config);
}

export function isChannelProviderName(name: string): name is ChannelProviderName {
  return Object.hasOwn(adapterFactories, name);
}
