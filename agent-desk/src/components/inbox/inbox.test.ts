import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { Conversation, ConversationMessage } from '@/api/types';
import { useInboxStore } from '@/stores/inbox';
import { useRealtimeStore } from '@/stores/realtime';
import { useSessionStore } from '@/stores/session';
import { fakeFetch, flush } from '@/test-support/mount-desk';
import { advanceStatus, attachmentView, matchesFilter, upsertConversation, upsertMessage } from './inbox-rules';

const ME = 'u-me';
const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 'cv-1',
  contactId: 'ct-1',
  channel: 'telegram',
  channelAccountId: 'acc-1',
  status: 'open',
  assigneeUserId: null,
  cardId: null,
  lastMessageAt: '2026-03-01T10:00:00.000Z',
  lastMessagePreview: 'Bună ziua',
  unreadCount: 1,
  ...over,
});
const message = (over: Partial<ConversationMessage> = {}): ConversationMessage => ({
  id: 'm-1',
  conversationId: 'cv-1',
  direction: 'in',
  text: 'Bună ziua',
  attachments: [],
  status: 'received',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('inbox rules', () => {
  it('matches a conversation against channel, assignee, unread and status filters', () => {
    const c = conversation({ assigneeUserId: ME });
    expect(matchesFilter(c, { status: 'open' }, ME)).toBe(true);
    expect(matchesFilter(c, { status: 'closed' }, ME)).toBe(false);
    expect(matchesFilter(c, { channel: 'viber' }, ME)).toBe(false);
    expect(matchesFilter(c, { assignee: 'me' }, ME)).toBe(true);
    expect(matchesFilter(c, { assignee: 'me' }, 'someone-else')).toBe(false);
    expect(matchesFilter(c, { assignee: 'none' }, ME)).toBe(false);
    expect(matchesFilter(conversation(), { assignee: 'none', unread: true }, ME)).toBe(true);
    expect(matchesFilter(conversation({ unreadCount: 0 }), { unread: true }, ME)).toBe(false);
    expect(matchesFilter(c, { assignee: ME }, null)).toBe(true);
  });

  it('moves an updated conversation to the top, or drops it when it stops matching', () => {
    const older = conversation({ id: 'cv-old', lastMessageAt: '2026-02-01T10:00:00.000Z' });
    const list = [conversation(), older];
    const bumped = upsertConversation(list, { ...older, lastMessageAt: '2026-03-02T10:00:00.000Z' }, true);
    expect(bumped.map((c) => c.id)).toEqual(['cv-old', 'cv-1']);
    expect(upsertConversation(list, older, false).map((c) => c.id)).toEqual(['cv-1']);
  });

  it('keeps one copy of a message in time order and never moves a delivery state backwards', () => {
    const first = message();
    const reply = message({ id: 'm-2', direction: 'out', status: 'queued', createdAt: '2026-03-01T10:05:00.000Z' });
    let list = upsertMessage([first], reply);
    list = upsertMessage(list, { ...reply, status: 'sent' });
    expect(list.map((m) => [m.id, m.status])).toEqual([
      ['m-1', 'received'],
      ['m-2', 'sent'],
    ]);
    // The send's HTTP answer (queued) arriving after the socket's "sent" does not undo it.
    expect(upsertMessage(list, { ...reply, status: 'queued' }).find((m) => m.id === 'm-2')?.status).toBe('sent');
    expect(advanceStatus('read', 'sent')).toBe('read');
    expect(advanceStatus('sent', 'delivered')).toBe('delivered');
    expect(advanceStatus('delivered', 'failed')).toBe('failed');
  });

  it('gives voice notes and audio a player, pictures a thumbnail, anything else a link', () => {
    expect(attachmentView('voice')).toBe('audio');
    expect(attachmentView('file', 'audio/ogg')).toBe('audio');
    expect(attachmentView('image')).toBe('image');
    expect(attachmentView('file', 'application/pdf')).toBe('file');
  });
});

describe('inbox store', () => {
  function setUp(routes: Parameters<typeof fakeFetch>[0] = {}) {
    setActivePinia(createPinia());
    const fake = fakeFetch({ 'GET /api/contacts/ct-1': { body: { id: 'ct-1', displayName: 'Ion Rusu' } }, ...routes });
    api.configure({ fetch: fake.fetch });
    const session = useSessionStore();
    session.user = {
      id: ME,
      email: 'me@x',
      fullName: 'Ana',
      role: 'consultant',
      departmentId: null,
      permissions: [],
      locale: 'ro',
      phoneExtension: null,
      photoUrl: null,
    };
    const inbox = useInboxStore();
    inbox.listen();
    return { inbox, realtime: useRealtimeStore(), calls: fake.calls };
  }

  it('loads the filtered list with contact names and opens a thread, marking it read', async () => {
    const { inbox, calls } = setUp({
      'GET /api/conversations': { body: { items: [conversation()], nextCursor: null } },
      'GET /api/conversations/cv-1': { body: conversation() },
      'GET /api/conversations/cv-1/messages': {
        body: { items: [message({ id: 'm-2', createdAt: '2026-03-01T10:01:00.000Z' }), message()], nextCursor: null },
      },
      'POST /api/conversations/cv-1/read': { body: conversation({ unreadCount: 0 }) },
    });
    inbox.setFilter({ status: 'open', assignee: 'me', unread: true, channel: 'telegram' });
    await flush();
    await flush();
    expect(calls[0].url).toBe('/api/conversations?status=open&assignee=me&unread=true&channel=telegram&limit=30');
    expect(inbox.contactNames['ct-1']).toBe('Ion Rusu');
    await inbox.open('cv-1');
    expect(inbox.messages.map((m) => m.id)).toEqual(['m-1', 'm-2']);
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/read'))).toBe(true);
    expect(inbox.active?.unreadCount).toBe(0);
  });

  it('applies live events: new message, delivery state, typing (not my own), reassignment out of "mine"', async () => {
    const { inbox, realtime } = setUp({
      'GET /api/conversations/cv-1': { body: conversation({ unreadCount: 0, assigneeUserId: ME }) },
      'GET /api/conversations/cv-1/messages': { body: { items: [], nextCursor: null } },
      'POST /api/conversations/cv-1/messages': {
        status: 202,
        body: message({
          id: 'm-out',
          direction: 'out',
          status: 'queued',
          text: 'Revin imediat',
          createdAt: '2026-03-01T10:02:00.000Z',
        }),
      },
      'POST /api/conversations/cv-1/read': { body: conversation({ unreadCount: 0, assigneeUserId: ME }) },
    });
    inbox.filter = { status: 'open', assignee: 'me' };
    await inbox.open('cv-1');
    realtime.dispatch('conversation:message', {
      conversation: conversation({ assigneeUserId: ME }),
      message: message(),
    });
    expect(inbox.conversations.map((c) => c.id)).toEqual(['cv-1']);
    expect(inbox.messages.map((m) => m.text)).toEqual(['Bună ziua']);

    await inbox.reply({ text: 'Revin imediat' });
    realtime.dispatch('conversation:status', { conversationId: 'cv-1', messageId: 'm-out', status: 'delivered' });
    expect(inbox.messages.find((m) => m.id === 'm-out')?.status).toBe('delivered');
    realtime.dispatch('conversation:status', { conversationId: 'cv-1', messageId: 'm-out', status: 'sent' });
    expect(inbox.messages.find((m) => m.id === 'm-out')?.status).toBe('delivered');

    realtime.dispatch('conversation:typing', { conversationId: 'cv-1', from: 'agent', userId: ME, typing: true });
    expect(inbox.typingIn('cv-1')).toBeNull();
    realtime.dispatch('conversation:typing', { conversationId: 'cv-1', from: 'visitor', typing: true });
    expect(inbox.typingIn('cv-1')?.from).toBe('visitor');

    realtime.dispatch('conversation:assigned', { conversation: conversation({ assigneeUserId: 'u-other' }) });
    expect(inbox.conversations).toEqual([]);
    expect(inbox.active?.assigneeUserId).toBe('u-other');
    inbox.stopListening();
    realtime.dispatch('conversation:message', {
      conversation: conversation({ assigneeUserId: ME }),
      message: message({ id: 'm-late' }),
    });
    expect(inbox.messages.some((m) => m.id === 'm-late')).toBe(false);
  });

  it('keeps a delivery state the socket reports before the send itself has answered', async () => {
    const { inbox, realtime } = setUp({
      'GET /api/conversations/cv-1': { body: conversation({ unreadCount: 0 }) },
      'GET /api/conversations/cv-1/messages': { body: { items: [], nextCursor: null } },
      'POST /api/conversations/cv-1/messages': {
        status: 202,
        body: message({ id: 'm-fast', direction: 'out', status: 'queued', text: 'Vă sun acum' }),
      },
    });
    await inbox.open('cv-1');
    // The worker sent it and the socket said so while the POST's answer was still on its way.
    realtime.dispatch('conversation:status', { conversationId: 'cv-1', messageId: 'm-fast', status: 'sent' });
    await inbox.reply({ text: 'Vă sun acum' });
    expect(inbox.messages.find((m) => m.id === 'm-fast')?.status).toBe('sent');
  });
});
