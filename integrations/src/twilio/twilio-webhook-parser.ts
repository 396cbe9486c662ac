import type {
  ChannelName,
  DeliveryStatus,
  DeliveryStatusUpdate,
  NormalizedAttachment,
  NormalizedInboundMessage,
  ParsedWebhook,
} from '../channel-adapter.js';
import { dropUndefined } from '../shared/drop-undefined.js';

export const WHATSAPP_ADDRESS_PREFIX = 'whatsapp:';

/** Twilio's MessageStatus values → ours. receiving/received describe inbound messages and yield no update. */
const STATUS_BY_TWILIO_STATUS: Record<string, DeliveryStatus | undefined> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

export function channelOfAddress(address: string): Extract<ChannelName, 'sms' | 'whatsapp'> {
  return address.startsWith(WHATSAPP_ADDRESS_PREFIX) ? 'whatsapp' : 'sms';
}

export function withoutWhatsappPrefix(address: string): string {
  return address.startsWith(WHATSAPP_ADDRESS_PREFIX) ? address.slice(WHATSAPP_ADDRESS_PREFIX.length) : address;
}

/**
 * Parses a Twilio Messaging webhook (form fields): a status callback when MessageStatus is
 * present, otherwise an incoming message.
 */
export function parseTwilioWebhook(fields: Record<string, string>, receivedAt: Date): ParsedWebhook {
  if (fields.MessageStatus !== undefined) {
    const status = parseStatusCallback(fields, receivedAt);
    return { messages: [], statuses: status ? [status] : [] };
  }
  if (!fields.MessageSid || !fields.From) return { messages: [], statuses: [] };
  return { messages: [parseIncomingMessage(fields, receivedAt)], statuses: [] };
}

function parseStatusCallback(fields: Record<string, string>, receivedAt: Date): DeliveryStatusUpdate | undefined {
  const status = STATUS_BY_TWILIO_STATUS[fields.MessageStatus];
  if (!status || !fields.MessageSid) return undefined;
  const error = fields.ErrorCode ? [fields.ErrorCode, fields.ErrorMessage].filter(Boolean).join(' ') : undefined;
  return dropUndefined({
    channel: channelOfAddress(fields.To ?? fields.From ?? ''),
    providerMessageId: fields.MessageSid,
    status,
    at: receivedAt,
    error,
  });
}

function parseIncomingMessage(fields: Record<string, string>, receivedAt: Date): NormalizedInboundMessage {
  const from = fields.From;
  const phone = withoutWhatsappPrefix(from);
  return {
    channel: channelOfAddress(from),
    providerMessageId: fields.MessageSid,
    providerChatId: from,
    sender: dropUndefined({ providerUserId: fields.WaId ?? phone, phone, name: fields.ProfileName }),
    text: fields.Body ? fields.Body : undefined,
    attachments: attachmentsOf(fields),
    sentAt: receivedAt,
    raw: fields,
  };
}

function attachmentsOf(fields: Record<string, string>): NormalizedAttachment[] {
  const attachments: NormalizedAttachment[] = [];
  const mediaCount = Number(fields.NumMedia ?? '0');
  for (let index = 0; index < mediaCount; index += 1) {
    const url = fields[`MediaUrl${index}`];
    if (!url) continue;
    const mimeType = fields[`MediaContentType${index}`];
    attachments.push(dropUndefined({ kind: kindOfMimeType(mimeType), url, mimeType }));
  }
  if (fields.Latitude && fields.Longitude) {
    attachments.push({ kind: 'location', latitude: Number(fields.Latitude), longitude: Number(fields.Longitude) });
  }
  return attachments;
}

function kindOfMimeType(mimeType: string | undefined): NormalizedAttachment['kind'] {
  if (mimeType?.startsWith('image/')) return 'image';
  if (mimeType?.startsWith('audio/')) return 'audio';
  if (mimeType?.startsWith('video/')) return 'video';
  return 'file';
}
