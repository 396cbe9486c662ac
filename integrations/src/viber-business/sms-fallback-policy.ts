import type { DeliveryStatus } from '../channel-adapter.js';

export type SmsFallbackPolicy = {
  /** Fall back when no 'delivered' or 'read' arrived this long after sending. */
  undeliveredAfterSeconds: number;
};

/** What the caller knows about one business message. */
export type BusinessMessageDeliveryState = {
  sentAt: Date;
  /** The send call itself failed (HTTP error, provider refusal). */
  sendFailed?: boolean;
  lastStatus?: DeliveryStatus;
  smsFallbackAlreadySent?: boolean;
};

export type SmsFallbackDecision =
  | { action: 'send-sms'; reason: 'send-failed' | 'delivery-failed' | 'not-delivered-in-time' }
  | { action: 'wait'; recheckAt: Date }
  | { action: 'none'; reason: 'delivered' | 'already-fell-back' };

/** Decides whether a Viber business message should be replaced by an SMS now, later or never. */
export function decideSmsFallback(
  policy: SmsFallbackPolicy,
  state: BusinessMessageDeliveryState,
  now: Date,
): SmsFallbackDecision {
  if (state.smsFallbackAlreadySent) return { action: 'none', reason: 'already-fell-back' };
  if (state.lastStatus === 'delivered' || state.lastStatus === 'read') return { action: 'none', reason: 'delivered' };
  if (state.sendFailed) return { action: 'send-sms', reason: 'send-failed' };
  if (state.lastStatus === 'failed') return { action: 'send-sms', reason: 'delivery-failed' };
  const deadline = new Date(state.sentAt.getTime() + policy.undeliveredAfterSeconds * 1000);
  if (now.getTime() >= deadline.getTime()) return { action: 'send-sms', reason: 'not-delivered-in-time' };
  return { action: 'wait', recheckAt: deadline };
}
