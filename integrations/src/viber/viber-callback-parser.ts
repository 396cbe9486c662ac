import type {
  ChannelLifecycleEvent,
  DeliveryStatus,
  InboundSender,
  NormalizedAttachment,
  ParsedWebhook,
} from '../channel-adapter.js';
import { dropUndefined } from '../shared/drop-undefined.js';
import type { ViberCallback, ViberInboundMessageBody, ViberUser } from './viber-callback-types.js';

const STATUS_BY_EVENT: Record<string, DeliveryStatus | undefined> = {
  delivered: 'delivered',
  seen: 'read',
  failed: 'failed',
};

const AUDIO_FILE_NAME = /\.(m4a|aac|ogg|oga|opus|amr|mp3|wav)$/i;

export function parseViberCallback(callback: ViberCallback): ParsedWebhook {
  const at = new Date(callback.timestamp);
  const token = callback.message_token === undefined ? undefined : String(callback.message_token);
  const parsed: ParsedWebhook = { messages: [], statuses: [] };

  if (callback.event === 'message' && callback.sender && callback.message && token) {
    const contactPhone = callback.message.type === 'contact' ? callback.message.contact?.phone_number : undefined;
    parsed.messages.push({
      channel: 'viber',
      providerMessageId: token,
      providerChatId: callback.sender.id,
      sender: dropUndefined({ ...senderOf(callback.sender), phone: contactPhone }),
      text: textOf(callback.message),
      attachments: attachmentsOf(callback.message),
      sentAt: at,
      raw: callback,
    });
  }

  const status = STATUS_BY_EVENT[callback.event];
  if (status && token) {
    parsed.statuses.push(
      dropUndefined({ channel: 'viber' as const, providerMessageId: token, status, at, error: callback.desc }),
    );
  }

  const lifecycle = lifecycleOf(callback, at);
  if (lifecycle) parsed.lifecycle = [lifecycle];
  return parsed;
}

function lifecycleOf(callback: ViberCallback, at: Date): ChannelLifecycleEvent | undefined {
  if (callback.event === 'subscribed' || callback.event === 'conversation_started') {
    if (!callback.user) return undefined;
    return {
      channel: 'viber',
      kind: callback.event,
      providerChatId: callback.user.id,
      sender: senderOf(callback.user),
      at,
      raw: callback,
    };
  }
  if (callback.event === 'unsubscribed' && callback.user_id) {
    return {
      channel: 'viber',
      kind: 'unsubscribed',
      providerChatId: callback.user_id,
      sender: { providerUserId: callback.user_id },
      at,
      raw: callback,
    };
  }
  return undefined;
}

function senderOf(user: ViberUser): InboundSender {
  return dropUndefined({ providerUserId: user.id, name: user.name, language: user.language });
}

function textOf(message: ViberInboundMessageBody): string | undefined {
  if (message.type === 'contact' && message.contact) {
    return [message.contact.name, message.contact.phone_number].filter(Boolean).join(' ');
  }
  return message.text || undefined;
}

function attachmentsOf(message: ViberInboundMessageBody): NormalizedAttachment[] {
  switch (message.type) {
    case 'picture':
      return [
        dropUndefined({
          kind: 'image' as const,
          url: message.media,
          fileName: message.file_name,
          sizeBytes: message.size,
        }),
      ];
    case 'video':
      return [
        dropUndefined({
          kind: 'video' as const,
          url: message.media,
          sizeBytes: message.size,
          durationSeconds: message.duration,
        }),
      ];
    case 'file': {
      const isVoice = AUDIO_FILE_NAME.test(message.file_name ?? '');
      return [
        dropUndefined({
          kind: isVoice ? ('voice' as const) : ('file' as const),
          url: message.media,
          fileName: message.file_name,
          sizeBytes: message.size,
          durationSeconds: message.duration,
        }),
      ];
    }
    case 'sticker':
      return [
        dropUndefined({ kind: 'sticker' as const, url: message.media, providerFileId: message.sticker_id?.toString() }),
      ];
    case 'location':
      return message.location
        ? [{ kind: 'location', latitude: message.location.lat, longitude: message.location.lon }]
        : [];
    default:
      return [];
  }
}
