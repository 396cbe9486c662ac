import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { contactsApi } from '@/api/contacts-api';
import { conversationsApi, type InboxFilter, type ReplyInput } from '@/api/conversations-api';
import type { Conversation, ConversationMessage } from '@/api/types';
import { advanceStatus, matchesFilter, upsertConversation, upsertMessage } from '@/components/inbox/inbox-rules';
import { useRealtimeStore } from './realtime';
import { useSessionStore } from './session';

export type TypingState = { from: 'visitor' | 'agent'; fullName?: string; until: number };
type MessageEvent = { conversation?: Conversation; message?: ConversationMessage };
type StatusEvent = { conversationId?: string; messageId?: string; status?: string; error?: string | null };
type TypingEvent = {
  conversationId?: string;
  typing?: boolean;
  from?: 'visitor' | 'agent';
  userId?: string;
  fullName?: string;
};

const TYPING_TTL_MS = 6000;
/** Statuses of messages not in the thread yet, kept until the message arrives (oldest dropped past this many). */
const EARLY_STATUSES_KEPT = 200;

/**
 * The unified inbox: the filtered conversation list, the open thread and who is typing, kept live by the
 * `conversation:*` events of the /agent socket (message, status, typing, assigned, updated).
 */
export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore();
  const filter = ref<InboxFilter>({ status: 'open' });
  const conversations = ref<Conversation[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const contactNames = ref<Record<string, string>>({});
  const activeId = ref<string | null>(null);
  const active = ref<Conversation | null>(null);
  const messages = ref<ConversationMessage[]>([]);
  const olderCursor = ref<string | null>(null);
  const loadingMessages = ref(false);
  const messagesError = ref<unknown>(null);
  const typing = ref<Record<string, TypingState>>({});
  const now = ref(Date.now());
  const unsubscribe = shallowRef<Array<() => void>>([]);
  let listRequest = 0;
  const earlyStatuses = new Map<string, { status: string; error?: string | null }>();

  const unreadTotal = computed(() => conversations.value.reduce((sum, c) => sum + (c.unreadCount > 0 ? 1 : 0), 0));
  const typingIn = (conversationId: string): TypingState | null => {
    const state = typing.value[conversationId];
    return state && state.until > now.value ? state : null;
  };

  async function load(more = false): Promise<void> {
    const request = ++listRequest;
    loading.value = true;
    error.value = null;
    try {
      const page = await conversationsApi.list(filter.value, more ? nextCursor.value : null);
      if (request !== listRequest) return;
      const known = more ? conversations.value : [];
      conversations.value = [...known, ...page.items.filter((c) => !known.some((k) => k.id === c.id))];
      nextCursor.value = page.nextCursor;
      void resolveNames(page.items.map((c) => c.contactId));
    } catch (e) {
      if (request === listRequest) error.value = e;
    } finally {
      if (request === listRequest) loading.value = false;
    }
  }

  function setFilter(next: InboxFilter): void {
    filter.value = { ...next };
    void load();
  }

  /** Conversations carry the contact id only: names are fetched once per contact and remembered. */
  async function resolveNames(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && !(id in contactNames.value));
    for (const id of missing) contactNames.value[id] = '';
    await Promise.all(
      missing.map(async (id) => {
        try {
          contactNames.value[id] = (await contactsApi.get(id)).displayName;
        } catch {
          delete contactNames.value[id];
        }
      }),
    );
  }

  async function open(id: string): Promise<void> {
    activeId.value = id;
    active.value = conversations.value.find((c) => c.id === id) ?? null;
    messages.value = [];
    olderCursor.value = null;
    messagesError.value = null;
    loadingMessages.value = true;
    try {
      const [conversation, page] = await Promise.all([conversationsApi.get(id), conversationsApi.messages(id)]);
      if (activeId.value !== id) return;
      active.value = conversation;
      messages.value = [...page.items].reverse();
      olderCursor.value = page.nextCursor;
      void resolveNames([conversation.contactId]);
      if (conversation.unreadCount > 0) await markRead(id);
    } catch (e) {
      if (activeId.value === id) messagesError.value = e;
    } finally {
      if (activeId.value === id) loadingMessages.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    const id = activeId.value;
    if (!id || !olderCursor.value) return;
    const page = await conversationsApi.messages(id, olderCursor.value);
    if (activeId.value !== id) return;
    messages.value = [...[...page.items].reverse(), ...messages.value];
    olderCursor.value = page.nextCursor;
  }

  function closeThread(): void {
    activeId.value = null;
    active.value = null;
    messages.value = [];
  }

  async function markRead(id: string): Promise<void> {
    applyConversation(await conversationsApi.markRead(id));
  }

  async function reply(input: ReplyInput): Promise<ConversationMessage> {
    const id = activeId.value;
    if (!id) throw new Error('No conversation is open.');
    const message = await conversationsApi.send(id, input);
    if (activeId.value === id) messages.value = upsertMessage(messages.value, withEarlyStatus(message));
    return message;
  }

  /** A status the socket reported before the message itself reached this thread (the worker beat the HTTP answer). */
  function withEarlyStatus(message: ConversationMessage): ConversationMessage {
    const early = earlyStatuses.get(message.id);
    if (!early) return message;
    earlyStatuses.delete(message.id);
    return {
      ...message,
      status: advanceStatus(String(message.status), early.status),
      error: early.error ?? message.error,
    };
  }

  async function assign(userId: string | null): Promise<void> {
    if (activeId.value) applyConversation(await conversationsApi.assign(activeId.value, userId));
  }

  async function setStatus(status: 'open' | 'closed'): Promise<void> {
    if (!activeId.value) return;
    applyConversation(
      await (status === 'closed' ? conversationsApi.close(activeId.value) : conversationsApi.reopen(activeId.value)),
    );
  }

  function applyConversation(conversation: Conversation): void {
    conversations.value = upsertConversation(
      conversations.value,
      conversation,
      matchesFilter(conversation, filter.value, session.user?.id ?? null),
    );
    if (conversation.id === activeId.value) active.value = conversation;
    void resolveNames([conversation.contactId]);
  }

  function onMessage(payload: unknown): void {
    const { conversation, message } = (payload ?? {}) as MessageEvent;
    if (conversation?.id) applyConversation(conversation);
    if (!message?.id) return;
    if (message.conversationId === activeId.value) {
      messages.value = upsertMessage(messages.value, withEarlyStatus(message));
      if (message.direction === 'in') {
        delete typing.value[message.conversationId];
        if (typeof document === 'undefined' || document.visibilityState !== 'hidden')
          void markRead(message.conversationId).catch(() => undefined);
      }
    }
  }

  function onStatus(payload: unknown): void {
    const event = (payload ?? {}) as StatusEvent;
    if (event.conversationId !== activeId.value || !event.messageId || !event.status) return;
    if (!messages.value.some((m) => m.id === event.messageId)) {
      rememberEarlyStatus(event.messageId, event.status, event.error);
      return;
    }
    messages.value = messages.value.map((m) =>
      m.id === event.messageId
        ? { ...m, status: advanceStatus(String(m.status), event.status!), error: event.error ?? m.error }
        : m,
    );
  }

  function rememberEarlyStatus(messageId: string, status: string, error?: string | null): void {
    const known = earlyStatuses.get(messageId);
    earlyStatuses.set(messageId, { status: known ? advanceStatus(known.status, status) : status, error });
    if (earlyStatuses.size > EARLY_STATUSES_KEPT) earlyStatuses.delete(earlyStatuses.keys().next().value!);
  }

  function onTyping(payload: unknown): void {
    const event = (payload ?? {}) as TypingEvent;
    if (!event.conversationId || (event.userId && event.userId === session.user?.id)) return;
    now.value = Date.now();
    if (event.typing === false) delete typing.value[event.conversationId];
    else
      typing.value[event.conversationId] = {
        from: event.from ?? 'visitor',
        fullName: event.fullName,
        until: now.value + TYPING_TTL_MS,
      };
    setTimeout(() => (now.value = Date.now()), TYPING_TTL_MS + 50);
  }

  function onUpdated(payload: unknown): void {
    const conversation = (payload as { conversation?: Conversation } | null)?.conversation;
    if (conversation?.id) applyConversation(conversation);
  }

  /** Subscribes to the socket's inbox events (once; the desk shell keeps them for the whole session). */
  function listen(): void {
    if (unsubscribe.value.length) return;
    const realtime = useRealtimeStore();
    unsubscribe.value = [
      realtime.on('conversation:message', onMessage),
      realtime.on('conversation:status', onStatus),
      realtime.on('conversation:typing', onTyping),
      realtime.on('conversation:assigned', onUpdated),
      realtime.on('conversation:updated', onUpdated),
    ];
  }

  function stopListening(): void {
    unsubscribe.value.forEach((off) => off());
    unsubscribe.value = [];
  }

  /** Tells the customer's chat (and other desks) that I am typing; the socket relays it, the REST call is the fallback. */
  function sendTyping(isTyping: boolean): void {
    const id = activeId.value;
    if (!id) return;
    const socket = useRealtimeStore().socket;
    if (socket?.connected) socket.emit('conversation:typing', { conversationId: id, typing: isTyping });
    else void conversationsApi.typing(id, isTyping).catch(() => undefined);
  }

  return {
    filter,
    conversations,
    nextCursor,
    loading,
    error,
    contactNames,
    activeId,
    active,
    messages,
    olderCursor,
    loadingMessages,
    messagesError,
    unreadTotal,
    typingIn,
    load,
    setFilter,
    open,
    loadOlder,
    closeThread,
    markRead,
    reply,
    assign,
    setStatus,
    listen,
    stopListening,
    sendTyping,
    onMessage,
    onStatus,
    onTyping,
    onUpdated,
  };
});
