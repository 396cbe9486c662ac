import type { DeliveryStatusUpdate, InboundRequest } from '../channel-adapter.js';

/** One SMS gateway the router may choose. Implementations: Twilio, and any HTTP API described by configuration. */
export interface SmsProvider {
  /** Unique among the router's providers; prefixes the provider message id (`name:id`). */
  readonly name: string;
  /** Price of one SMS segment to this number, or undefined when the provider does not serve it. */
  pricePerSegment(to: string): number | undefined;
  send(to: string, text: string): Promise<{ providerMessageId: string }>;
  /** Delivery reports: checks the provider's signature on a callback (absent: the provider sends none). */
  verifyStatusCallback?(req: InboundRequest): boolean;
  /** The reports of a verified callback, with the provider's own message ids (the router prefixes its name). */
  parseStatusCallback?(req: InboundRequest): DeliveryStatusUpdate[];
}

/**
 * Price of one segment: `default`, overridden by the longest matching E.164 prefix in `byPrefix`
 * (`{ "+373": 0.35, "+40": 0.6 }`). A prefix mapped to null, or no default, means "does not serve".
 */
export type SmsPricing = { default?: number | null; byPrefix?: Record<string, number | null> };

export function priceFor(pricing: SmsPricing, to: string): number | undefined {
  let best: { length: number; price: number | null } | undefined;
  for (const [prefix, price] of Object.entries(pricing.byPrefix ?? {})) {
    if (to.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, price };
  }
  const price = best ? best.price : pricing.default;
  return price === null || price === undefined ? undefined : price;
}
