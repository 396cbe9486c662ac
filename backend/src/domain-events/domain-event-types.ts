/**
 * Every domain event and its data. A publisher writes one inside its own transaction (`DomainEvents.publish`); the
 * `domain-events` worker hands it to the subscribers after the commit.
 */
export type DomainEventMap = {
  /** A customer wrote on a messaging channel (after contact, conversation and card were resolved). */
  'message.received': {
    channel: string;
    channelAccountId: string;
    conversationId: string;
    contactId: string;
    cardId: string | null;
    messageId: string;
  };
  /** A consultation card was created (desk, inbound message or lead form). */
  'card.created': {
    cardId: string;
    contactId: string;
    pipelineId: string;
    stageId: string;
    responsibleUserId: string | null;
    source: string | null;
  };
  /** A card entered a stage, on creation and on every move; `enteredAt` identifies the stay. */
  'card.stage_entered': {
    cardId: string;
    contactId: string;
    pipelineId: string;
    stageId: string;
    fromStageId: string | null;
    enteredAt: string;
  };
  /** An inbound call ended unanswered (missed, abandoned, voicemail, busy, failed). */
  'call.missed': { callId: string; contactId: string | null; fromNumber: string; status: string; startedAt: string };
  /** An open task passed its due time (published once per task and due time by the overdue scan). */
  'task.overdue': {
    taskId: string;
    cardId: string | null;
    contactId: string | null;
    assigneeUserId: string | null;
    dueAt: string;
  };
  /**
   * A contact opened a tracked e-mail. Published by the campaigns' open tracking:
   * `domainEvents.publish(tx, 'email.opened', { contactId, cardId, campaignId, messageId, openedAt })`.
   */
  'email.opened': {
    contactId: string;
    cardId: string | null;
    campaignId: string | null;
    messageId: string | null;
    openedAt: string;
  };
};

export type DomainEventType = keyof DomainEventMap;
export const DOMAIN_EVENT_TYPES = [
  'message.received',
  'card.created',
  'card.stage_entered',
  'call.missed',
  'task.overdue',
  'email.opened',
] as const satisfies readonly DomainEventType[];

/**
 * Why an event happened: the automation rules whose actions caused it (outermost first). Rules skip an event their
 * own actions caused, and nothing runs past `MAX_CAUSATION_DEPTH`.
 */
export type Causation = { depth: number; ruleIds: string[] };
export const MAX_CAUSATION_DEPTH = 5;

/** An event as subscribers receive it: `id` is its outbox row, unique and stable across retries. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { id: number; type: K; data: DomainEventMap[K]; occurredAt: Date; causation: Causation };
}[T];
