/**
 * What an outbox row asks for; each kind has one processor on the `outbound-messages` or `conversation-jobs` queue.
 * Other domains route their own kinds (`domain.event`, `notification.deliver`) with `OutboxDispatcher.route`.
 */
export const OUTBOX_KINDS = {
  sendMessage: 'conversation.send_message',
  fetchAttachments: 'conversation.fetch_attachments',
  viberFallbackCheck: 'conversation.viber_fallback_check',
} as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[keyof typeof OUTBOX_KINDS];
