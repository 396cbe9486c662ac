import { api, asList, orFallback } from './api-client';
import type { Contact, NewContactInput, TimelinePage } from './types';

export const contactsApi = {
  async search(q: string, signal?: AbortSignal): Promise<Contact[]> {
    return asList<Contact>(await orFallback(api.get<unknown>('/contacts', { query: { q, limit: 50 }, signal }), []));
  },
  get(id: string): Promise<Contact> {
    return api.get<Contact>(`/contacts/${encodeURIComponent(id)}`);
  },
  create(input: NewContactInput): Promise<Contact> {
    return api.post<Contact>('/contacts', input);
  },
  update(id: string, patch: Partial<Contact>): Promise<Contact> {
    return api.patch<Contact>(`/contacts/${encodeURIComponent(id)}`, patch);
  },
  addNote(id: string, body: string): Promise<unknown> {
    return api.post(`/contacts/${encodeURIComponent(id)}/notes`, { body });
  },
  async timeline(id: string, cursor: string | null): Promise<TimelinePage> {
    const page = await orFallback(
      api.get<TimelinePage>(`/contacts/${encodeURIComponent(id)}/timeline`, { query: { cursor, limit: 30 } }),
      { items: [], nextCursor: null },
    );
    return { items: page.items ?? [], nextCursor: page.nextCursor ?? null };
  },
};
