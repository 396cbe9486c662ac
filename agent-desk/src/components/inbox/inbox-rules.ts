import type { InboxFilter } from '@/api/conversations-api';
import type { Conversation, ConversationMessage } from '@/api/types';

/** Whether a conversation (as an event carries it) belongs in the list the consultant is looking at. */
export function matchesFilter(conversation: Conversation, filter: InboxFilter, myUserId: string | null): boolean {
  if (filter.status && conversation.status !== filter.status) return false;
  if (filter.channel && conversation.channel !== filter.channel) return false;
  if (filter.unread && !(conversation.unreadCount > 0)) return false;
  if (filter.assignee === 'me' && conversation.assigneeUserId !== myUserId) return false;
  if (filter.assignee === 'none' && conversation.assigneeUserId) return false;
  if (filter.assignee && !['me', 'none'].includes(filter.assignee) && conversation.assigneeUserId !== filter.assignee)
    return false;
  return true;
}

/** Newest activity first, as the server pages them (ties broken by id, descending). */
export function byLastMessage(a: Conversation, b: Conversation): number {
  const diff = new Date(b.lastMessageAt).getTime() - new Date(a.lastMessageAt).getTime();
  return diff || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Puts a changed conversation where it belongs: replaced, moved to its place, or removed when it no longer matches. */
export function upsertConversation(list: Conversation[], conversation: Conversation, matches: boolean): Conversation[] {
  const rest = list.filter((c) => c.id !== conversation.id);
  return matches ? [...rest, conversation].sort(byLastMessage) : rest;
}

/** Adds or replaces a message (the POST answer and the socket event may both bring it), keeping time order. */
/**
 * Adds or updates a message in a thread kept in time order. The send's HTTP answer (`queued`) can arrive after the
 * socket's `sent`: an update never moves the delivery status backwards.
 */
export function upsertMessage(list: ConversationMessage[], message: ConversationMessage): ConversationMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index >= 0)
    return list.map((m, i) =>
      i === index ? { ...m, ...message, status: advanceStatus(String(m.status), String(message.status)) } : m,
    );
  return [...list, message].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
}

const STATUS_RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4, received: 0 };

/** A delivery report never moves a message backwards (a late "sent" after "read" is ignored); failure always shows. */
export function advanceStatus(current: string, next: string): string {
  if (next === 'failed') return next;
  return (STATUS_RANK[next] ?? 0) >= (STATUS_RANK[current] ?? 0) ? next : current;
}

export type AttachmentView = 'image' | 'audio' | 'video' | 'file';

/** How the thread shows an attachment: voice notes and audio get a player, pictures a thumbnail, the rest a link. */
export function attachmentView(kind: string, mimeType?: string): AttachmentView {
  if (kind === 'voice' || kind === 'audio' || mimeType?.startsWith('audio/')) return 'audio';
  if (kind === 'image' || mimeType?.startsWith('image/')) return 'image';
  if (kind === 'video' || mimeType?.startsWith('video/')) return 'video';
  return 'file';
}
