import type { ChannelAdapter, InboundRequest, OutboundMessage, ParsedWebhook, SendResult } from '../channel-adapter.js';
import { emptyParsedWebhook } from '../channel-adapter.js';
import { HttpSmsProvider, type HttpSmsProviderConfig } from './http-sms-provider.js';
import type { SmsProvider } from './sms-provider.js';
import { TwilioSmsProvider, type TwilioSmsProviderConfig } from './twilio-sms-provider.js';

export type SmsProviderConfig =
  ({ kind: 'twilio' } & TwilioSmsProviderConfig) | ({ kind: 'http' } & HttpSmsProviderConfig);
export type SmsRouterConfig = { providers: SmsProviderConfig[] };

/** One failed attempt, for the error message when every provider failed. */
export type SmsAttempt = { provider: string; error: string };

export function createSmsProvider(config: SmsProviderConfig): SmsProvider {
  return config.kind === 'twilio' ? new TwilioSmsProvider(config) : new HttpSmsProvider(config);
}

/**
 * Outbound SMS through several providers: per message, the providers that serve the number ordered by price
 * (cheapest first, configuration order on a tie); a failure moves on to the next. The provider message id is
 * `<provider name>:<id>`. Outbound only (replies and delivery reports arrive on each provider's own account).
 */
export class SmsRouterChannelAdapter implements ChannelAdapter {
  readonly channel = 'sms' as const;
  private readonly providers: SmsProvider[];

  constructor(providers: (SmsProvider | SmsProviderConfig)[]) {
    this.providers = providers.map((p) => ('send' in p ? p : createSmsProvider(p)));
    if (!this.providers.length) throw new Error('The SMS router needs at least one provider');
    const names = new Set(this.providers.map((p) => p.name));
    if (names.size !== this.providers.length) throw new Error('SMS provider names must be unique');
  }

  /** The providers that would be tried for this number, in order. */
  route(to: string): SmsProvider[] {
    return this.providers
      .map((provider, index) => ({ provider, index, price: provider.pricePerSegment(to) }))
      .filter((p): p is { provider: SmsProvider; index: number; price: number } => p.price !== undefined)
      .sort((a, b) => a.price - b.price || a.index - b.index)
      .map((p) => p.provider);
  }

  verify(_req: InboundRequest): boolean {
    return false;
  }

  parse(_req: InboundRequest): ParsedWebhook {
    return emptyParsedWebhook();
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    if (msg.attachments?.length) throw new Error('The SMS router sends text only');
    const route = this.route(msg.to);
    if (!route.length) throw new Error(`No SMS provider serves ${msg.to}`);
    const attempts: SmsAttempt[] = [];
    for (const provider of route) {
      try {
        const { providerMessageId } = await provider.send(msg.to, msg.text ?? '');
        return { providerMessageId: `${provider.name}:${providerMessageId}` };
      } catch (error) {
        attempts.push({ provider: provider.name, error: (error as Error).message });
      }
    }
    throw new Error(`Every SMS provider failed: ${attempts.map((a) => `${a.provider}: ${a.error}`).join('; ')}`);
  }
}
