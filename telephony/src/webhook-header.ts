import type { TelephonyWebhookRequest } from './telephony-adapter.js';

/** A request header looked up case-insensitively (first value when repeated). */
export function webhookHeader(headers: TelephonyWebhookRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
