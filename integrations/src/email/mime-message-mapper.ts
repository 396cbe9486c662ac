import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { NormalizedAttachment, NormalizedInboundMessage } from '../channel-adapter.js';
import { dropUndefined } from '../shared/drop-undefined.js';

/** Parses one RFC 822 message (as fetched by IMAP or POSTed by a relay) into a normalized message. */
export async function parseRfc822Message(
  source: Buffer,
  receivedAt: Date = new Date(),
): Promise<NormalizedInboundMessage> {
  const parsed = await simpleParser(source, { skipImageLinks: true });
  return mapParsedMail(parsed, source, receivedAt);
}

export function mapParsedMail(parsed: ParsedMail, source: Buffer, receivedAt: Date): NormalizedInboundMessage {
  const from = firstAddress(parsed.from);
  if (!from?.address) throw new Error('E-mail has no From address');
  const replyTo = firstAddress(parsed.replyTo)?.address ?? from.address;
  const references = asList(parsed.references);
  return dropUndefined({
    channel: 'email' as const,
    providerMessageId: parsed.messageId ?? syntheticMessageId(source),
    providerChatId: replyTo,
    sender: dropUndefined({
      providerUserId: from.address.toLowerCase(),
      email: from.address,
      name: from.name || undefined,
    }),
    subject: parsed.subject,
    text: parsed.text?.trim() ? parsed.text : undefined,
    html: parsed.html || undefined,
    attachments: parsed.attachments.filter((a) => !a.related).map(attachmentOf),
    sentAt: parsed.date ?? receivedAt,
    threadRef: references[0] ?? parsed.inReplyTo,
    raw: { headers: Object.fromEntries(parsed.headerLines.map((line) => [line.key, line.line])) },
  });
}

function attachmentOf(attachment: Attachment): NormalizedAttachment {
  const mimeType = attachment.contentType;
  const kind = mimeType.startsWith('image/')
    ? 'image'
    : mimeType.startsWith('audio/')
      ? 'audio'
      : mimeType.startsWith('video/')
        ? 'video'
        : 'file';
  return dropUndefined({
    kind,
    fileName: attachment.filename,
    mimeType,
    sizeBytes: attachment.size,
    content: attachment.content,
  });
}

function firstAddress(addresses: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(addresses) ? addresses : addresses ? [addresses] : [];
  return list.flatMap((entry) => entry.value)[0];
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Idempotency key for the rare message without a Message-ID header. */
function syntheticMessageId(source: Buffer): string {
  return `<sha256-${createHash('sha256').update(source).digest('hex')}@consult-crm.invalid>`;
}
