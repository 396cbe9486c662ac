import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { CardViewer } from '../consultations/card-viewer.js';
import { ConsultationCardsService } from '../consultations/consultation-cards.service.js';
import { LocalAttachmentStore } from '../conversations/attachment-store.js';
import type { CardFileRow } from './card-files.schema.js';
import { CardFilesRepository } from './card-files.repository.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

/** A card file as the API shows it; `url` downloads it (and is what a `file` field's value points at). */
export type CardFileView = {
  id: string;
  cardId: string;
  fieldKey: string | null;
  name: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
  uploadedBy: string | null;
  uploadedAt: string;
};

const FIELD_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** Documents of consultation cards: uploaded by whoever may edit the card, downloaded by whoever may see it. */
@Injectable()
export class CardFilesService {
  constructor(
    private readonly repository: CardFilesRepository,
    private readonly cards: ConsultationCardsService,
    private readonly store: LocalAttachmentStore,
    private readonly audit: AuditService,
  ) {}

  async upload(
    cardId: string,
    file: UploadedBlob | undefined,
    fieldKey: string | undefined,
    viewer: CardViewer,
  ): Promise<CardFileView> {
    const card = await this.cards.getVisible(cardId, viewer);
    if (!file) throw ApiError.validation({ file: 'Attach the document in the "file" field of a multipart form.' });
    if (!file.size) throw ApiError.validation({ file: 'The file is empty; choose the document again.' });
    if (fieldKey !== undefined && !FIELD_KEY.test(fieldKey))
      throw ApiError.validation({
        fieldKey: 'A field key is lowercase letters, digits and _, starting with a letter.',
      });
    const id = randomUUID();
    const storageKey = `card-files/${card.id}/${id}`;
    await this.store.put(storageKey, file.buffer);
    const row = await this.repository.insert({
      id,
      cardId: card.id,
      fieldKey: fieldKey ?? null,
      fileName: cleanFileName(file.originalname),
      mimeType: file.mimetype || 'application/octet-stream',
      sizeBytes: file.size,
      storageKey,
      uploadedBy: viewer.id,
    });
    await this.audit.record({
      action: 'card_file.upload',
      entityType: 'consultation_card',
      entityId: card.id,
      after: { fileId: row.id, fieldKey: row.fieldKey, fileName: row.fileName, sizeBytes: row.sizeBytes },
    });
    return viewOf(row);
  }

  async list(cardId: string, viewer: CardViewer): Promise<CardFileView[]> {
    const card = await this.cards.getVisible(cardId, viewer);
    return (await this.repository.listOfCard(card.id)).map(viewOf);
  }

  /** The file and its bytes; a file of a card the viewer may not see is "not found". */
  async open(id: string, viewer: CardViewer): Promise<{ file: CardFileView; stream: Readable }> {
    const row = await this.repository.findById(id);
    if (!row) throw ApiError.notFound('File', id);
    await this.cards.getVisible(row.cardId, viewer).catch(() => {
      throw ApiError.notFound('File', id);
    });
    const stored = await this.store.open(row.storageKey);
    if (!stored) throw ApiError.notFound('File', id);
    return { file: viewOf(row), stream: stored.stream };
  }
}

function viewOf(row: CardFileRow): CardFileView {
  return {
    id: row.id,
    cardId: row.cardId,
    fieldKey: row.fieldKey,
    name: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    url: `/api/card-files/${row.id}`,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.createdAt.toISOString(),
  };
}

/**
 * The name to keep: busboy hands multipart file names over as latin1, so a UTF-8 name ("Cerere Ștefan.pdf") is
 * decoded back; no folders, no control characters, at most 200 characters.
 */
export function cleanFileName(original: string): string {
  const utf8 = Buffer.from(original, 'latin1').toString('utf8');
  const decoded = utf8.includes('\uFFFD') ? original : utf8;
  const base = decoded.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 200) || 'document';
}
