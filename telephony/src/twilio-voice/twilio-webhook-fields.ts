import type { CallDirection } from '../telephony-adapter.js';

/** Twilio posts application/x-www-form-urlencoded fields; the HTTP layer hands them over as a map. */
export type TwilioWebhookParams = Record<string, unknown>;

export function twilioField(params: TwilioWebhookParams, name: string): string | undefined {
  const value = params[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

export function twilioSeconds(params: TwilioWebhookParams, name: string): number | undefined {
  const value = Number(twilioField(params, name));
  return Number.isFinite(value) && twilioField(params, name) !== undefined ? value : undefined;
}

/** `Timestamp` is RFC 2822 ("Mon, 16 Aug 2010 03:45:01 +0000"); fall back to the clock. */
export function twilioEventTime(params: TwilioWebhookParams, now: () => Date): Date {
  const parsed = Date.parse(twilioField(params, 'Timestamp') ?? '');
  return Number.isNaN(parsed) ? now() : new Date(parsed);
}

/** `inbound`, `outbound-api` (REST originate) or `outbound-dial` (a <Dial> leg). */
export function twilioDirection(params: TwilioWebhookParams): CallDirection {
  return twilioField(params, 'Direction')?.startsWith('outbound') ? 'outbound' : 'inbound';
}
