import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { LocalAttachmentStore } from './attachment-store.js';
import { ConversationsRepository } from './conversations.repository.js';

/** Streams a stored message file (a voice note plays in the desk straight from here). */
@Injectable()
export class MessageAttachmentsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly store: LocalAttachmentStore,
  ) {}

  async open(
    messageId: string,
    index: number,
  ): Promise<{ stream: Readable; sizeBytes: number; mimeType: string; fileName?: string }> {
    const message = await this.conversations.findMessage(messageId);
    const attachment = message?.attachments[index];
    if (!attachment) throw ApiError.notFound('Attachment');
    if (!attachment.storageKey)
      throw ApiError.conflict(
        'attachment_not_stored',
        'The file is still being downloaded from the provider; try again in a moment.',
      );
    const file = await this.store.open(attachment.storageKey);
    if (!file) throw ApiError.notFound('Attachment file');
    return { ...file, mimeType: attachment.mimeType ?? 'application/octet-stream', fileName: attachment.fileName };
  }
}
