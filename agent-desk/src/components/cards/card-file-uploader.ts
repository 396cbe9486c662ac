import { provide, type InjectionKey } from 'vue';
import { cardFilesApi } from '@/api/card-files-api';

/** A file field's value once its document is uploaded: what the server checks (name, url) and what the desk shows. */
export type FileFieldValue = { name: string; url: string; fileId?: string; sizeBytes?: number; mimeType?: string };

/** Uploads a document for the card being edited; file fields offer an upload button when one is provided. */
export type CardFileUploader = (file: File) => Promise<FileFieldValue>;

export const CARD_FILE_UPLOADER: InjectionKey<CardFileUploader> = Symbol('card-file-uploader');

/** Lets the file fields below upload to this card (`cardId` read at upload time: the card may change). */
export function provideCardFileUploader(cardId: () => string | null | undefined): void {
  provide(CARD_FILE_UPLOADER, async (file: File) => {
    const id = cardId();
    if (!id) throw new Error('No card is open.');
    const uploaded = await cardFilesApi.upload(id, file);
    return {
      name: uploaded.name,
      url: uploaded.url,
      fileId: uploaded.id,
      sizeBytes: uploaded.sizeBytes,
      mimeType: uploaded.mimeType,
    };
  });
}
