import { api } from './api-client';
import type { CallsPage } from './types';

/** `unanswered` covers missed, abandoned, voicemail, busy and failed; `notCalledBack` keeps those nobody returned. */
export type CallsQuery = {
  from?: string;
  to?: string;
  status?: string;
  notCalledBack?: boolean;
  userId?: string;
  contactId?: string;
  limit?: number;
  offset?: number;
};

export const callsApi = {
  async list(query: CallsQuery): Promise<CallsPage> {
    const page = await api.get<CallsPage>('/calls', {
      query: { ...query, notCalledBack: query.notCalledBack ? true : undefined },
    });
    return {
      items: page.items ?? [],
      total: page.total ?? 0,
      limit: page.limit ?? query.limit ?? 50,
      offset: page.offset ?? 0,
    };
  },
  /** Click-to-call: the PBX rings my extension, then dials the contact's first number. */
  originate(target: { contactId: string } | { number: string }): Promise<{ status: string; to: string }> {
    return api.post('/calls/originate', target);
  },
  /** Streams with Range (seek); the session cookie authenticates the audio element. */
  recordingUrl(callId: string): string {
    return `/api/calls/${encodeURIComponent(callId)}/recording`;
  },
  /** A ZIP of every stored recording whose call started in [from, to) — at most 366 days. */
  archiveUrl(from: string, to: string): string {
    return `/api/calls/recordings.zip?${new URLSearchParams({ from, to }).toString()}`;
  },
};
