import { Injectable } from '@nestjs/common';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import type { ConversationRow, MessageRow } from './conversations.schema.js';
import { toMessageView } from './message-view.js';

/** Socket.IO events of the desk's inbox (namespace /agent). */
export const CONVERSATION_EVENTS = {
  message: 'conversation:message',
  status: 'conversation:status',
  typing: 'conversation:typing',
  assigned: 'conversation:assigned',
  updated: 'conversation:updated',
} as const;

/** Pushes conversation events to whoever should see them: the assignee, or the department/everyone when unassigned. */
@Injectable()
export class ConversationEvents {
  private readonly typingListeners: ((conversation: ConversationRow, payload: Record<string, unknown>) => void)[] = [];

  constructor(private readonly notifier: AgentNotifier) {}

  /** Channels that can show "typing…" to the customer (the web chat) listen here. */
  onTyping(listener: (conversation: ConversationRow, payload: Record<string, unknown>) => void): void {
    this.typingListeners.push(listener);
  }

  message(conversation: ConversationRow, message: MessageRow): void {
    this.toOwners(conversation, CONVERSATION_EVENTS.message, { conversation, message: toMessageView(message) });
  }

  status(conversation: Pick<ConversationRow, 'id' | 'assigneeUserId'>, message: MessageRow): void {
    this.toOwners(conversation, CONVERSATION_EVENTS.status, {
      conversationId: message.conversationId,
      messageId: message.id,
      status: message.status,
      error: message.error,
      providerMessageId: message.providerMessageId,
    });
  }

  typing(conversation: ConversationRow, payload: Record<string, unknown>): void {
    this.toOwners(conversation, CONVERSATION_EVENTS.typing, { conversationId: conversation.id, ...payload });
    if (payload.from === 'agent') for (const listener of this.typingListeners) listener(conversation, payload);
  }

  updated(conversation: ConversationRow, event: string = CONVERSATION_EVENTS.updated): void {
    this.toOwners(conversation, event, { conversation });
  }

  private toOwners(conversation: Pick<ConversationRow, 'assigneeUserId'>, event: string, payload: unknown): void {
    if (conversation.assigneeUserId) this.notifier.toUser(conversation.assigneeUserId, event, payload);
    else this.notifier.toEveryone(event, payload);
    this.notifier.toRole('supervisor', event, payload);
  }
}
