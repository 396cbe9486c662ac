import type { ChannelAdapter, InboundRequest, OutboundMessage, ParsedWebhook, SendResult } from '../channel-adapter.js';
import { emptyParsedWebhook } from '../channel-adapter.js';
import { HttpSmsProvider, type HttpSmsProviderConfig } from './http-sms-provider.js';
import type { SmsProvider } from './sms-provider.js';
import { TwilioSmsProvider, type TwilioSmsProviderConfig } from './twilio-sms-provider.js';

export type SmsProviderConfig =
  ({ kind: 'twilio' } & TwilioSmsProviderConfig) | ({ kind: 'http' } & HttpSmsProviderConfig);
export type SmsRouterConfig = {
  providers: SmsProviderConfig[];
  /**
   * The account's webhook URL (the backend sets it from PUBLIC_URL). Each provider reports delivery to
   * `<statusCallbackUrl>?provider=<name>`: Twilio through its status callback, HTTP gateways with `statusCallback`.
   */
  statusCallbackUrl?: string;
};

export const SMS_ROUTER_PROVIDER_QUERY = 'provider';

/** One failed attempt, for the error message when every provider failed. */
export type SmsAttempt = { provider: string; error: string };

export function createSmsProvider(config: SmsProviderConfig, routerCallbackUrl?: string): SmsProvider {
  const callback = routerCallbackUrl ? providerCallbackUrl(routerCallbackUrl, config.name) : undefined;
  if (config.kind === 'twilio')
    return new TwilioSmsProvider({ ...config, ...(callback ? { statusCallbackUrl: callback } : {}) });
  return new HttpSmsProvider({
    ...config,
    ...(callback && config.statusCallback ? { statusCallbackUrl: callback } : {}),
  });
}

/** Where one provider reports: the router's URL with `?provider=<name>` (kept in the signed URL). */
export function providerCallbackUrl(routerCallbackUrl: string, providerName: string): string {
  const url = new URL(routerCallbackUrl);
  url.searchParams.set(SMS_ROUTER_PROVIDER_QUERY, providerName);
  return url.toString();
}

/**
 * Outbound SMS through several providers: per message, the providers that serve the number ordered by price
 * (cheapest first, configuration order on a tie); a failure moves on to the next. The provider message id is
 * `<provider name>:<id>`. Delivery reports come back to the router's own webhook, one provider per `?provider=`
 * query, each checked with that provider's signature; replies arrive on each provider's own account.
 */
export class SmsRouterChannelAdapter implements ChannelAdapter {
  readonly channel = 'sms' as const;
  private readonly providers: SmsProvider[];

  constructor(providers: (SmsProvider | SmsProviderConfig)[], statusCallbackUrl?: string) {
    this.providers = providers.map((p) => ('send' in p ? p : createSmsProvider(p, statusCallbackUrl)));
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

  /** A delivery report of the provider named in `?provider=`, signed the way that provider signs. */
  verify(req: InboundRequest): boolean {
    const provider = this.reportingProvider(req);
    return Boolean(provider?.verifyStatusCallback?.(req));
  }

  /** Delivery statuses with the router's message ids (`<provider name>:<id>`). */
  parse(req: InboundRequest): ParsedWebhook {
    const provider = this.reportingProvider(req);
    if (!provider?.parseStatusCallback) return emptyParsedWebhook();
    const statuses = provider.parseStatusCallback(req).map((update) => ({
      ...update,
      channel: 'sms' as const,
      providerMessageId: `${provider.name}:${update.providerMessageId}`,
    }));
    return { messages: [], statuses };
  }

  private reportingProvider(req: InboundRequest): SmsProvider | undefined {
    const name = req.query[SMS_ROUTER_PROVIDER_QUERY];
    return name ? this.providers.find((p) => p.name === name) : undefined;
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
