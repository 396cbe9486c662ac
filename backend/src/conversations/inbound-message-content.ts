import type { StoredAttachment } from './conversations.schema.js';

const FETCHED_KINDS = new Set(['voice', 'audio', 'image', 'file', 'video']);

/** What the inbox list shows of a message: its first 140 characters, or the kinds of its attachments. */
export function previewOf(text: string | undefined | null, attachments: StoredAttachment[]): string {
  if (text) return text.slice(0, 140);
  return attachments.length ? `[${attachments.map((a) => a.kind).join(', ')}]` : '';
}

/** A provider-hosted voice note, picture, file or video is downloaded into the attachment store after the commit. */
export function needsAttachmentFetch(canFetchAttachments: boolean, attachments: StoredAttachment[]): boolean {
  return (
    canFetchAttachments && attachments.some((a) => FETCHED_KINDS.has(a.kind) && Boolean(a.providerFileId || a.url))
  );
}
