import { api } from './api-client';

/** A document uploaded to a card: `url` downloads it (with the session cookie) and goes into the file field's value. */
export type CardFile = {
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

export const cardFilesApi = {
  upload(cardId: string, file: File, fieldKey?: string): Promise<CardFile> {
    const form = new FormData();
    form.append('file', file, file.name);
    if (fieldKey) form.append('fieldKey', fieldKey);
    return api.post<CardFile>(`/cards/${cardId}/files`, form);
  },
  list(cardId: string): Promise<CardFile[]> {
    return api.get<CardFile[]>(`/cards/${cardId}/files`);
  },
};
