import type {
  DeliveryStatusUpdate,
  DeliveryWatermark,
  NormalizedAttachment,
  NormalizedInboundMessage,
  ParsedWebhook,
} from '../channel-adapter.js';
import { dropUndefined } from '../shared/drop-undefined.js';
import type { MetaAttachment, MetaMessagingEvent, MetaWebhookPayload } from './meta-webhook-types.js';

const CHANNEL_BY_OBJECT = { page: 'messenger', instagram: 'instagram' } as const;

/** Parses `object: 'page' | 'instagram'` payloads: entry[].messaging[] messages, deliveries and reads. */
export function parseMetaWebhook(payload: MetaWebhookPayload): ParsedWebhook {
  const channel = CHANNEL_BY_OBJECT[payload.object as keyof typeof CHANNEL_BY_OBJECT];
  const parsed: Required<Pick<ParsedWebhook, 'messages' | 'statuses' | 'watermarks'>> = {
    messages: [],
    statuses: [],
    watermarks: [],
  };
  if (!channel) return parsed;
  for (const entry of payload.entry ?? []) {
    for (const event of entry.messaging ?? []) {
      const message = messageOf(channel, event);
      if (message) parsed.messages.push(message);
      parsed.statuses.push(...statusesOf(channel, event));
      const watermark = watermarkOf(channel, event);
      if (watermark) parsed.watermarks.push(watermark);
    }
  }
  return parsed;
}

function messageOf(
  channel: 'messenger' | 'instagram',
  event: MetaMessagingEvent,
): NormalizedInboundMessage | undefined {
  const message = event.message;
  if (!message || message.is_echo || message.is_deleted) return undefined;
  return {
    channel,
    providerMessageId: message.mid,
    providerChatId: event.sender.id,
    sender: { providerUserId: event.sender.id },
    text: message.text,
    attachments: (message.attachments ?? []).flatMap(attachmentOf),
    sentAt: new Date(event.timestamp),
    raw: event,
  };
}

function attachmentOf(attachment: MetaAttachment): NormalizedAttachment[] {
  const payload = attachment.payload ?? {};
  if (attachment.type === 'location' && payload.coordinates) {
    return [{ kind: 'location', latitude: payload.coordinates.lat, longitude: payload.coordinates.long }];
  }
  if (!payload.url) return [];
  if (attachment.type === 'image') {
    return [{ kind: payload.sticker_id === undefined ? 'image' : 'sticker', url: payload.url }];
  }
  if (attachment.type === 'audio' || attachment.type === 'video') return [{ kind: attachment.type, url: payload.url }];
  return [dropUndefined({ kind: 'file' as const, url: payload.url, fileName: payload.title })];
}

function statusesOf(channel: 'messenger' | 'instagram', event: MetaMessagingEvent): DeliveryStatusUpdate[] {
  if (event.delivery) {
    const at = new Date(event.delivery.watermark);
    return (event.delivery.mids ?? []).map((mid) => ({ channel, providerMessageId: mid, status: 'delivered', at }));
  }
  if (event.read?.mid) {
    return [{ channel, providerMessageId: event.read.mid, status: 'read', at: new Date(event.timestamp) }];
  }
  return [];
}

/** Messenger reports reads (and mid-less deliveries) as "everything up to watermark". */
function watermarkOf(channel: 'messenger' | 'instagram', event: MetaMessagingEvent): DeliveryWatermark | undefined {
  if (event.read && !event.read.mid && event.read.watermark !== undefined) {
    return { channel, providerChatId: event.sender.id, status: 'read', upTo: new Date(event.read.watermark) };
  }
  if (event.delivery && (event.delivery.mids ?? []).length === 0) {
    return { channel, providerChatId: event.sender.id, status: 'delivered', upTo: new Date(event.delivery.watermark) };
  }
  return undefined;
}
