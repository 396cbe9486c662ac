import type { Message, PhotoSize, Update, User } from 'grammy/types';
import type { InboundSender, NormalizedAttachment, NormalizedInboundMessage } from '../channel-adapter.js';
import { dropUndefined } from '../shared/drop-undefined.js';

/** Telegram message ids are unique per chat only, so the chat id is part of our id. */
export function telegramMessageId(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

export function parseTelegramUpdate(update: Update): NormalizedInboundMessage[] {
  const message = update.message;
  if (!message || !message.from) return [];
  const sender = senderOf(message.from);
  if (message.contact && message.contact.user_id === message.from.id) {
    sender.phone = message.contact.phone_number;
  }
  return [
    {
      channel: 'telegram',
      providerMessageId: telegramMessageId(message.chat.id, message.message_id),
      providerChatId: String(message.chat.id),
      sender,
      text: textOf(message),
      attachments: attachmentsOf(message),
      sentAt: new Date(message.date * 1000),
      raw: update,
    },
  ];
}

function senderOf(user: User): InboundSender {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  const sender: InboundSender = { providerUserId: String(user.id), name };
  if (user.username) sender.username = user.username;
  if (user.language_code) sender.language = user.language_code;
  return sender;
}

function textOf(message: Message): string | undefined {
  if (message.text !== undefined) return message.text;
  if (message.caption !== undefined) return message.caption;
  const contact = message.contact;
  if (contact && contact.user_id !== message.from?.id) {
    const name = [contact.first_name, contact.last_name].filter(Boolean).join(' ');
    return `${name} ${contact.phone_number}`.trim();
  }
  return undefined;
}

function largestPhoto(sizes: PhotoSize[]): PhotoSize {
  return sizes.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
}

function attachmentsOf(message: Message): NormalizedAttachment[] {
  const attachments: NormalizedAttachment[] = [];
  if (message.photo && message.photo.length > 0) {
    const photo = largestPhoto(message.photo);
    attachments.push({
      kind: 'image',
      providerFileId: photo.file_id,
      mimeType: 'image/jpeg',
      sizeBytes: photo.file_size,
    });
  }
  if (message.document) {
    const doc = message.document;
    attachments.push({
      kind: 'file',
      providerFileId: doc.file_id,
      fileName: doc.file_name,
      mimeType: doc.mime_type,
      sizeBytes: doc.file_size,
    });
  }
  if (message.voice) {
    const voice = message.voice;
    attachments.push({
      kind: 'voice',
      providerFileId: voice.file_id,
      mimeType: voice.mime_type,
      sizeBytes: voice.file_size,
      durationSeconds: voice.duration,
    });
  }
  if (message.audio) {
    const audio = message.audio;
    attachments.push({
      kind: 'audio',
      providerFileId: audio.file_id,
      fileName: audio.file_name,
      mimeType: audio.mime_type,
      sizeBytes: audio.file_size,
      durationSeconds: audio.duration,
    });
  }
  const video = message.video ?? message.video_note;
  if (video) {
    attachments.push({
      kind: 'video',
      providerFileId: video.file_id,
      mimeType: 'mime_type' in video ? video.mime_type : 'video/mp4',
      sizeBytes: video.file_size,
      durationSeconds: video.duration,
    });
  }
  if (message.sticker) {
    attachments.push({
      kind: 'sticker',
      providerFileId: message.sticker.file_id,
      sizeBytes: message.sticker.file_size,
    });
  }
  if (message.location) {
    attachments.push({ kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude });
  }
  return attachments.map(dropUndefined);
}
