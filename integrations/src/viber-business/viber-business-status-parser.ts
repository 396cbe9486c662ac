import type { DeliveryStatusUpdate } from '../channel-adapter.js';
import { dropUndefined } from '../shared/drop-undefined.js';
import type { ViberBusinessStatusCallbackConfig } from './viber-business-config.js';
import { valueAtPath } from './json-template.js';

export function parseViberBusinessStatusCallback(
  body: unknown,
  config: ViberBusinessStatusCallbackConfig,
  receivedAt: Date,
): DeliveryStatusUpdate[] {
  const items = config.itemsPath ? valueAtPath(body, config.itemsPath) : [body];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item): DeliveryStatusUpdate[] => {
    const messageId = valueAtPath(item, config.messageIdPath);
    const providerStatus = valueAtPath(item, config.statusPath);
    const status = config.statusMap[String(providerStatus)];
    if (messageId === undefined || messageId === null || !status) return [];
    const error = status === 'failed' && config.errorPath ? valueAtPath(item, config.errorPath) : undefined;
    return [
      dropUndefined({
        channel: 'viber' as const,
        providerMessageId: String(messageId),
        status,
        at: timestampOf(config.timestampPath ? valueAtPath(item, config.timestampPath) : undefined, receivedAt),
        error: error === undefined || error === null || error === '' ? undefined : String(error),
      }),
    ];
  });
}

function timestampOf(value: unknown, fallback: Date): Date {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value);
  if (typeof value === 'string' && value !== '') {
    const parsed = /^\d+$/.test(value) ? timestampOf(Number(value), fallback) : new Date(value);
    return Number.isNaN(parsed.getTime()) ? fallback : parsed;
  }
  return fallback;
}
