import { api, asList, orFallback } from './api-client';
import type { Conversation, ConversationMessage, Paged, TeamMember, UploadedAttachment } from './types';

export type InboxFilter = {
  channel?: string;
  assignee?: 'me' | 'none' | string;
  unread?: boolean;
  status?: 'open' | 'closed';
};
export type ReplyInput = { text?: string; attachments?: Array<UploadedAttachment & { kind?: string }> };

const path = (id: string, rest = '') => `/conversations/${encodeURIComponent(id)}${rest}`;

export const conversationsApi = {
  async list(filter: InboxFilter, cursor: string | null = null): Promise<Paged<Conversation>> {
    const page = await orFallback(
      api.get<Paged<Conversation>>('/conversations', {
        query: { ...filter, unread: filter.unread ? true : undefined, cursor, limit: 30 },
      }),
      { items: [], nextCursor: null },
    );
    return { items: page.items ?? [], nextCursor: page.nextCursor ?? null };
  },
  get(id: string): Promise<Conversation> {
    return api.get<Conversation>(path(id));
  },
  async messages(id: string, cursor: string | null = null): Promise<Paged<ConversationMessage>> {
    const page = await api.get<Paged<ConversationMessage>>(path(id, '/messages'), { query: { cursor, limit: 50 } });
    return { items: page.items ?? [], nextCursor: page.nextCursor ?? null };
  },
  /** Accepted as `queued`; `conversation:status` reports sent / delivered / read / failed. */
  send(id: string, input: ReplyInput): Promise<ConversationMessage> {
    return api.post<ConversationMessage>(path(id, '/messages'), input);
  },
  upload(id: string, file: File): Promise<UploadedAttachment> {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<UploadedAttachment>(path(id, '/attachments'), form);
  },
  assign(id: string, userId: string | null): Promise<Conversation> {
    return api.post<Conversation>(path(id, '/assign'), { userId });
  },
  close(id: string): Promise<Conversation> {
    return api.post<Conversation>(path(id, '/close'));
  },
  reopen(id: string): Promise<Conversation> {
    return api.post<Conversation>(path(id, '/reopen'));
  },
  markRead(id: string): Promise<Conversation> {
    return api.post<Conversation>(path(id, '/read'));
  },
  typing(id: string, typing: boolean): Promise<void> {
    return api.post<void>(path(id, '/typing'), { typing });
  },
};

export const teamApi = {
  async list(): Promise<TeamMember[]> {
    return asList<TeamMember>(await orFallback(api.get<unknown>('/users'), [])).filter((u) => u.active !== false);
  },
};
